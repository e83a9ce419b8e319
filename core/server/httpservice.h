#pragma once

#include "httpresponder.h"
#include "mockspec.h"
#include "trafficevent.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

class HttpLayer;
class QHttpServerRequest;
class QNetworkAccessManager;
class QTcpSocket;

// Serves a spec's HTTP `endpoint:` items on connections the listener handed over. What to
// answer is HttpResponder's; this is the plumbing: responses go out in the order their
// requests came whatever each waits for (a delay, an external body), pushes and webhooks are
// sent, request bodies are bounded as they arrive, idle connections are closed, and each
// exchange is a traffic event.
class HttpService : public QObject
{
    Q_OBJECT

public:
    // Sends a text frame to the WebSocket clients a `push:` names (see HttpPush); returns how
    // many it reached.
    using Push = std::function<int(const QString &path, const QString &text)>;

    // watched: whether anyone listens to traffic events (they are not built otherwise).
    HttpService(Push push, std::function<bool()> watched, QObject *parent = nullptr);
    ~HttpService() override;

    void setSpec(MockSpecPtr spec); // forgets the rate limits' windows
    HttpPolicy &policy() { return m_policy; }
    const HttpPolicy &policy() const { return m_policy; }
    // A kept-alive connection that sends nothing for this long is closed (and one that
    // started a request and stalls: a slowloris).
    void setIdleTimeout(int ms) { m_idleTimeoutMs = ms; }
    // A client that sends requests and does not read the answers is dropped once this many
    // bytes wait for it.
    void setMaxPendingBytes(qint64 bytes) { m_maxPendingBytes = bytes; }

    // Requests a handler claims (the control API's) are answered by it, now or later.
    using Handler = std::function<bool(const HttpRequestData &request,
                                       const std::function<void(HttpReply)> &respond)>;
    void setControl(Handler handler) { m_control = std::move(handler); }

    // Takes a connection whose first request head was inspected (peeked, not read).
    void take(QTcpSocket *socket);
    int connectionCount() const { return int(m_sockets.size()); }
    void closeAll();
    // Every connection holding something for its client (answers not yet taken by the
    // kernel, answers waiting for their delay or for an earlier one), with how many bytes.
    void forEachHolder(const std::function<void(QTcpSocket *, qint64)> &visit) const;
    // Ends a connection, saying why in an Error event.
    void drop(QTcpSocket *socket, TrafficEvent::Cause cause, const QStringList &details);

signals:
    void trafficEvent(const TrafficEvent &event);

private:
    struct Pending;
    struct SocketState;

    void onRequest(const QHttpServerRequest &request, QTcpSocket *socket);
    void onBytes(QTcpSocket *socket);
    void closeIdle();
    void fetchExternal(QTcpSocket *socket, qint64 sequence, Pending pending);
    void sendWebhook(const HttpPlannedWebhook &webhook);
    void sendPushes(const QList<HttpPlannedPush> &pushes);
    // Queues an answer in its request's place; writes every answer that is due, in order.
    void complete(QTcpSocket *socket, qint64 sequence, Pending pending);
    void write(QTcpSocket *socket, const Pending &pending);
    // Drops the connection when it holds more than the limit.
    void checkBudget(QTcpSocket *socket, const SocketState &state);
    QNetworkAccessManager *network();

    HttpLayer *layer();

    HttpLayer *m_layer = nullptr; // made by layer(), at the first plain request
    Push m_push;
    Handler m_control;
    std::function<bool()> m_watched;
    MockSpecPtr m_spec;
    HttpPolicy m_policy;
    RateWindows m_windows;
    int m_idleTimeoutMs = 60000;
    qint64 m_maxPendingBytes = 0;
    QTimer *m_idleSweep = nullptr;
    QHash<QTcpSocket *, std::shared_ptr<SocketState>> m_sockets;
    QNetworkAccessManager *m_network = nullptr;
};
