#pragma once

#include "mockspec.h"
#include "trafficevent.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>

class HttpLayer;
class QHttpServerRequest;
class QNetworkAccessManager;
class QTcpSocket;

// Serves a spec's HTTP `endpoint:` items on connections the listener handed over: routing,
// templates, CORS, rate limits, external bodies, webhooks, pushes to WebSocket clients and
// response delays. Responses go out in the order their requests came, whatever each waits for.
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
    void setCors(bool enabled) { m_cors = enabled; }
    bool cors() const { return m_cors; }
    // The origins CORS answers name; empty: the request's own origin.
    void setAllowedOrigins(const QStringList &origins) { m_allowedOrigins = origins; }
    void setMaxBodySize(qint64 bytes) { m_maxBodySize = bytes; }
    qint64 maxBodySize() const { return m_maxBodySize; }

    // Takes a connection whose first request head was inspected (peeked, not read).
    void take(QTcpSocket *socket);
    int connectionCount() const { return int(m_sockets.size()); }
    void closeAll();

signals:
    void trafficEvent(const TrafficEvent &event);

private:
    struct Answer;
    struct Request;
    struct SocketState;

    void onRequest(const QHttpServerRequest &request, QTcpSocket *socket);
    void onBytes(QTcpSocket *socket);
    Answer decide(const Request &request, qint64 sequence, QTcpSocket *socket);
    Answer routed(const Request &request, const HttpRoute &route, qint64 sequence,
                  QTcpSocket *socket);
    Answer endpointAnswer(const Request &request, const HttpEndpoint &endpoint,
                          const ParamMap &pathParams, qint64 sequence, QTcpSocket *socket);
    bool overRateLimit(const Request &request, const HttpEndpoint &endpoint, Answer *answer);
    void renderBody(const HttpEndpoint &endpoint, const TemplateContext &context,
                    const Request &request, Answer *answer, QTcpSocket *socket, qint64 sequence);
    void fetchExternal(const QUrl &url, Answer answer, QTcpSocket *socket, qint64 sequence);
    void sendLater(const Webhook &webhook, const TemplateContext &context);
    void pushFrames(const HttpEndpoint &endpoint, const TemplateContext &context);
    void addCors(const Request &request, Answer *answer) const;
    Answer preflight(const Request &request) const;
    // Queues an answer in its request's place; writes every answer that is due, in order.
    void complete(QTcpSocket *socket, qint64 sequence, Answer answer);
    void write(QTcpSocket *socket, const Answer &answer);
    QNetworkAccessManager *network();

    HttpLayer *m_layer = nullptr;
    Push m_push;
    std::function<bool()> m_watched;
    MockSpecPtr m_spec;
    bool m_cors = true;
    QStringList m_allowedOrigins;
    qint64 m_maxBodySize = 0; // set by MockServer
    QHash<QTcpSocket *, std::shared_ptr<SocketState>> m_sockets;
    // A rate limit's window per endpoint and key: when it started and how many it let in.
    struct Window
    {
        qint64 start = 0;
        int count = 0;
    };
    QHash<QString, Window> m_windows;
    QNetworkAccessManager *m_network = nullptr;
};
