#pragma once

#include "httpresponder.h"
#include "journal.h"
#include "trafficevent.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>
#include <list>
#include <memory>

class AsyncSpecLoader;
class MockServer;
class QTimer;
struct SpecLoadOutcome;

// The control API under /__mocket/: a test drives and inspects the running mock over HTTP
// and JSON — health, open and recently closed connections, the journal of every frame
// (with filters and a long poll), pushes, closes, and swapping the config. Off unless the
// server's control is turned on; with a token, every call must carry it.
class ControlApi : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *Prefix = "/__mocket/";
    static constexpr int ClosedKept = 100; // recently closed connections still listed

    using Respond = std::function<void(HttpReply reply)>;

    explicit ControlApi(MockServer *server, QObject *parent = nullptr);
    ~ControlApi() override;

    void setToken(const QString &token) { m_token = token; }
    Journal &journal() { return m_journal; }

    // Whether the request is the control API's (its path starts with /__mocket/); then
    // `respond` is called with the reply, at once or later (a long poll).
    bool handle(const HttpRequestData &request, const Respond &respond);
    void onEvent(const TrafficEvent &event);

private:
    struct ConnectionInfo
    {
        quint64 id = 0;
        QString path;
        ParamMap pathParams;
        ParamMap queryParams;
        QString peer;
        QString subprotocol;
        qint64 opened = 0;
        qint64 closed = 0; // 0 while open
        int closeCode = 0;
        QString closeReason;
        qint64 in = 0;
        qint64 out = 0;
        QJsonObject toJson() const;
    };
    struct Waiter
    {
        JournalFilter filter;
        Respond respond;
        std::unique_ptr<QTimer> timer;
    };

    HttpReply route(const HttpRequestData &request, const QStringList &segments,
                    const Respond &respond, bool *later);
    HttpReply messagesRoute(const HttpRequestData &request, const QStringList &segments,
                            const Respond &respond, bool *later);
    HttpReply connectionRoute(const HttpRequestData &request, const QStringList &segments);
    HttpReply health() const;
    HttpReply connections() const;
    HttpReply messages(const JournalFilter &filter) const;
    void wait(const JournalFilter &filter, int timeoutMs, const Respond &respond);
    HttpReply send(const HttpRequestData &request, quint64 connectionId);
    HttpReply sendToPath(const HttpRequestData &request);
    HttpReply close(const HttpRequestData &request, quint64 connectionId);
    // Loads the body off the serving thread; answers and swaps it in once loaded, in order.
    void putConfig(const HttpRequestData &request, const Respond &respond);
    void onConfigLoaded(const SpecLoadOutcome &outcome);
    void noteConnection(const TrafficEvent &event);
    QList<std::pair<QString, PatternMiss>> missesOf(const TrafficEvent &event) const;
    void wakeWaiters(const JournalEntry &entry);

    MockServer *m_server = nullptr;
    QString m_token;
    Journal m_journal;
    QMap<quint64, ConnectionInfo> m_connections;
    QList<quint64> m_closedOrder;
    std::list<Waiter> m_waiters;
    qint64 m_startedAt = 0;
    std::unique_ptr<AsyncSpecLoader> m_loader; // made by the first PUT /config
    QHash<quint64, Respond> m_configReplies; // by load ticket
};
