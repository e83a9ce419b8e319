#pragma once

#include "journal.h"
#include "mockspec.h"
#include "trafficevent.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QHostAddress>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>
#include <QWebSocketProtocol>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <variant>

struct ServerOptions;
class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;
class HttpService;
class ControlApi;
class ProxyLink;
struct EndpointProxy;
struct HandshakeVerdict;
class HandshakeRequest;

// Serves a MockSpec over WebSocket. Owns the listening QTcpServer so a handshake to a path
// no endpoint serves is refused with HTTP 404 before any upgrade; accepted sockets are
// handed to a QWebSocketServer for the handshake proper. Every event goes out through
// trafficEvent(), the one source for console lines, JSON logs and the workbench.
class MockServer : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 DefaultMaxMessageSize = 16 * 1024 * 1024;
    static constexpr int DefaultHandshakeTimeoutMs = 10000;
    static constexpr qint64 DefaultMaxPendingBytes = 64 * 1024 * 1024;
    static constexpr qint64 DefaultMaxTotalPendingBytes = 512 * 1024 * 1024;
    static constexpr qint64 DefaultMaxBodySize = 16 * 1024 * 1024;

    explicit MockServer(QObject *parent = nullptr);
    ~MockServer() override;

    // Swaps the served spec. Open connections stay open and follow the new rules from
    // their next message; one whose path no longer has an endpoint is closed with 1001.
    void setSpec(MockSpecPtr spec);
    MockSpecPtr spec() const { return m_spec; }

    void setMaxMessageSize(qint64 bytes);
    qint64 maxMessageSize() const { return m_maxMessageSize; }
    void setHandshakeTimeout(int ms);
    // 0: no limit. Beyond it, new clients get HTTP 503 before any upgrade.
    void setMaxConnections(int count);
    int maxConnections() const { return m_maxConnections; }
    // Browser handshakes whose Origin is not listed get HTTP 403; empty allows every origin.
    // Clients that send no Origin (non-browsers) are always allowed.
    void setAllowedOrigins(const QStringList &origins);
    QStringList allowedOrigins() const { return m_allowedOrigins; }
    // A client that does not read while the server writes to it is dropped once this many
    // bytes wait for it, instead of being buffered without bound.
    // Replies held back by a delay and messages waiting for their turn to be matched count
    // towards it too.
    void setMaxPendingBytes(qint64 bytes);
    qint64 maxPendingBytes() const { return m_maxPendingBytes; }
    // The same across every WebSocket and HTTP connection: while more waits in all, the
    // connection holding the most is dropped (WebSocket close code 1013), checked four times
    // a second.
    void setMaxTotalPendingBytes(qint64 bytes) { m_maxTotalPendingBytes = bytes; }
    qint64 maxTotalPendingBytes() const { return m_maxTotalPendingBytes; }
    // What the server holds for its clients now: replies not yet taken by the kernel, replies
    // a delay holds back, messages waiting to be matched; WebSocket and HTTP.
    qint64 heldBytes() const;
    // Reply frames (and closes) a delay holds back, over all connections.
    int delayedFrameCount() const;
    // Serves wss:// with this certificate and key from the next start(); a null
    // configuration goes back to plain ws://.
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isSecure() const { return m_tls.has_value(); }
    // Reads a PEM certificate (chain) and its unencrypted RSA or EC key into *out, as
    // mocket-cli's --tls-cert/--tls-key and the workbench's Server Settings give them;
    // false with a message in *error when they are unusable (unreadable, or a key that is not
    // the certificate's).
    static bool loadTlsFiles(const QString &certificate, const QString &key, QSslConfiguration *out,
                             QString *error);
    // Every option but the address and port (start() takes those), TLS files loaded; false
    // with *error, and nothing changed, when the TLS files are unusable.
    bool applyOptions(const ServerOptions &options, QString *error);

    // Emits started() or startFailed(); returns whether it listens.
    bool start(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 8000);
    // Stops listening and closes every client with 1001; emits stopped() once all are gone
    // (or after a short grace period).
    void stop();

    bool isListening() const;
    bool isStopping() const { return m_stopping; }
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QUrl url() const; // ws://HOST:PORT
    QString errorString() const { return m_errorString; }

    int connectionCount() const { return int(m_connections.size()); }
    QList<quint64> connectionIds() const;

    // Pushes a text frame to one connection; logged as a Sent event with rule "push".
    bool sendMessage(quint64 connectionId, const QString &text);
    // Pushes a text frame to every connection of the endpoint with this path pattern
    // ("/ws/user/:username"); returns how many it reached.
    int broadcast(const QString &endpointPath, const QString &text);
    // The path pattern of the endpoint serving a connection ("/ws/user/:username"), or empty.
    QString endpointPathOf(quint64 connectionId) const;
    // Pushes a text frame for an HTTP endpoint's `push:`: to every connection of the endpoint
    // whose path pattern is exactly `path`, otherwise to every connection whose decoded path is.
    int pushToPath(const QString &path, const QString &text);
    int pushBinaryToPath(const QString &path, const QByteArray &data);
    // Pushes a binary frame to one connection; logged as a Sent event with rule "push".
    bool sendBinaryMessage(quint64 connectionId, const QByteArray &data);
    // The control API under /__mocket/ (off by default): with a token, every call must send
    // "Authorization: Bearer TOKEN". journalCapacity bounds its journal of frames.
    void setControl(bool enabled, const QString &token = {},
                    qsizetype journalCapacity = Journal::DefaultCapacity);
    ControlApi *control() const { return m_control; }
    // HTTP `endpoint:` items: CORS answers (on by default) and the request body limit.
    void setCors(bool enabled);
    void setMaxBodySize(qint64 bytes);
    qint64 maxBodySize() const;
    // A kept-alive HTTP connection that sends nothing this long is closed (default 60 s).
    void setHttpIdleTimeout(int ms);
    // How long a `proxy:` endpoint's upstream has to answer before the client is closed.
    void setProxyConnectTimeout(int ms) { m_proxyConnectTimeout = ms; }
    // Open keep-alive HTTP connections.
    int httpConnectionCount() const;
    bool closeConnection(quint64 connectionId, QWebSocketProtocol::CloseCode code,
                         const QString &reason);

    // A connection's conversation as its rules see it now: its state, its variables and its
    // endpoint's shared values.
    struct ConversationView
    {
        QString state;
        ParamMap vars;
        ParamMap shared;
    };
    // Empty when no such connection is open.
    std::optional<ConversationView> conversationView(quint64 connectionId) const;
    // Changes a conversation by hand, as a rule would: the same note events (rule "manual"),
    // the same limits. False when the connection is not open, or (with the words in *error) when
    // a limit refuses the value; a refusal is logged as a rule's would be.
    bool setConnectionState(quint64 connectionId, const QString &state, QString *error = nullptr);
    bool setConnectionVariable(quint64 connectionId, const QString &name, const QString &value,
                               QString *error = nullptr);
    // False when there is no such connection or value.
    bool removeConnectionVariable(quint64 connectionId, const QString &name);
    // The shared values of the connection's endpoint.
    bool setSharedValue(quint64 connectionId, const QString &name, const QString &value,
                        QString *error = nullptr);
    bool removeSharedValue(quint64 connectionId, const QString &name);

signals:
    void started(const QUrl &url);
    void startFailed(const QString &reason);
    void stopped();
    void specChanged();
    void connectionCountChanged(int count);
    void trafficEvent(const TrafficEvent &event);

private:
    struct DelayQueue;
    struct DelayQueueItem;
    struct Inbox;
    struct Inbound;
    // What the rules of one endpoint share across its connections (`set-shared`, sequences
    // counted per endpoint). Kept by endpoint path, so a reload keeps the shared values.
    struct EndpointConversation
    {
        ParamMap shared;
        QHash<int, qint64> sequenceMatches; // rule index: its matches so far
    };

    // A stream a rule started (`start-stream`), until its count is reached, a rule stops it
    // or its connection closes. Holds what its templates see: the starting message.
    struct StartedStream
    {
        StartedStream(std::shared_ptr<const RuleStream> stream, QString label,
                      const IncomingMessage *message, Bindings bindings);
        ~StartedStream();
        StartedStream(const StartedStream &) = delete;
        StartedStream &operator=(const StartedStream &) = delete;

        std::shared_ptr<const RuleStream> spec;
        QString label; // "on-message[0] s1": the rule and the key
        std::optional<IncomingMessage> message;
        Bindings bindings;
        // On a preset endpoint: what the starting message decoded to, and how frames are framed.
        ParamMap protocol;
        Protocols::Framing framing;
        qint64 ticks = 0;
        QTimer *timer = nullptr; // deleted later: it may be the one firing now
    };

    struct Connection
    {
        quint64 id = 0;
        QWebSocket *socket = nullptr;
        QTcpSocket *direct
            = nullptr; // its plain socket, when text frames can be written to it directly
        QString rawPath;
        QString path;
        ParamMap pathParams;
        ParamMap queryParams;
        QNetworkRequest handshake; // shares the QWebSocket's copy: headers cost nothing more
        qint64 messages = 0; // text messages received
        int endpoint = -1;
        bool dropping = false;
        // Nanoseconds spent on its messages since it last yielded (see receive).
        qint64 spentNs = 0;
        std::unique_ptr<DelayQueue> delays; // created by the first delayed reply
        std::unique_ptr<Inbox> inbox; // created when its messages must wait their turn
        // The endpoint's per-connection streams, and their tick counts.
        std::vector<std::unique_ptr<QTimer>> streamTimers;
        std::vector<qint64> streamTicks;
        // The conversation: state, variables, sequences counted per connection, and the
        // streams its rules started, by key.
        QString state = InitialConversationState;
        ParamMap vars;
        QHash<int, qint64> sequenceMatches;
        std::map<QString, std::unique_ptr<StartedStream>> started;
        EndpointConversation *conversation = nullptr; // its endpoint's, never null once set up
        // On a preset endpoint: the protocol spoken, as the preset's codec keeps it.
        Protocols::Kind protocol = Protocols::Kind::None;
        std::unique_ptr<Protocols::Session> session;
        QString protocolName; // how the log names what the preset does itself: "graphql-ws"
        bool protocolBroken = false; // a Bad or Close frame came: what follows is not read
        std::unique_ptr<QTimer> keepAlive;
        // Its own connection to the endpoint's `proxy`, when it has one (a child of the
        // server, deleted once its close is through).
        ProxyLink *upstream = nullptr;
    };

    // A broadcast stream (`to: all`) of the served spec: one timer, one count.
    struct BroadcastStream
    {
        int endpoint = -1;
        int stream = -1;
        qint64 ticks = 0;
        std::unique_ptr<QTimer> timer;
    };

    struct OutFrame;

    void createListener();
    void onTcpConnection();
    void send(Connection *connection, const QString &text);
    void startStreams(Connection *connection);
    void updateSubprotocols();
    void restartBroadcastStreams();
    void broadcastTick(size_t slot);
    // Sends tick number `tick` (1-based) of a stream to the given connections; false once a
    // `mode: once` stream has sent its last frame.
    bool streamTick(const Stream &stream, qint64 tick, const QList<quint64> &recipients);
    void sendStreamFrame(Connection *connection, const QString &label, const ReplyFrame &frame,
                         const TrafficDelivery &delivery, const IncomingMessage *message = nullptr,
                         const Bindings *bindings = nullptr,
                         const StartedStream *started = nullptr);
    // Text as the connection's WebSocket messages: itself, or as its preset frames it (none:
    // the preset sends it nowhere on this connection; several: a STOMP MESSAGE for each
    // subscription).
    static QStringList framed(Connection *connection, const QString &text,
                              const Protocols::Framing &framing, const ParamMap &protocol);
    static TemplateContext contextFor(const Connection *connection, const IncomingMessage *message,
                                      const Bindings *bindings);
    // Renders a reply and sends it at once: the plain case, every message of a busy mock.
    void replyPlainly(Connection *connection, const Template &response,
                      const TemplateContext &context, const QString &label);
    // Sends a reply's frames (after their delays) to its audience, then closes if asked.
    // Returns when the last frame goes, in ms from now.
    int deliver(Connection *connection, const Reply &reply, const Template *response,
                const TemplateContext &context, const QString &label);
    static QList<OutFrame> renderReply(const Reply &reply, const Template *response,
                                       const TemplateContext &context, QStringList *missing);
    QList<quint64> recipientsOf(const Connection *connection, Audience audience) const;
    // The connections of an endpoint, in order, but for one (0: none).
    QList<quint64> connectionsOf(int endpoint, quint64 except = 0) const;
    void sendFrame(const QList<quint64> &recipients, const OutFrame &frame, const QString &label,
                   TrafficDelivery delivery);
    void dropSlowReader(Connection *connection);
    // Frees what waits for the connection, says why in an Error event, and ends it: a close
    // frame with `code` when nothing waits in its socket, otherwise an abort.
    void dropConnection(Connection *connection, TrafficEvent::Cause cause,
                        const QStringList &details, QWebSocketProtocol::CloseCode code);
    // What waits for one connection: the socket's unsent bytes, delayed replies, queued
    // messages.
    static qint64 heldBy(const Connection &connection);
    // Drops the connection if it holds more than maxPendingBytes.
    void checkBudget(Connection *connection);
    // Drops the connections holding most until the total is within maxTotalPendingBytes.
    void enforceTotalBudget();
    void queueDelayed(Connection *connection, qint64 due, DelayQueueItem item);
    void sendDueDelayed(quint64 connectionId);
    // A message that waits because its connection used up its slice of matching time.
    void queueInbound(Connection *connection, Inbound message);
    void workInbox(quint64 connectionId);
    void handle(Connection *connection, const Inbound &message);
    void handleText(Connection *connection, const QString &text);
    void handleBinary(Connection *connection, const QByteArray &data);
    void answerUnmatched(Connection *connection, const IncomingMessage *message);
    QString fallbackLabel(const Connection *connection) const; // "on-unmatched" or empty
    // Sends a frame to every connection `chosen` accepts; returns how many.
    int sendToEach(const std::function<bool(const Connection &)> &chosen, const OutFrame &frame,
                   const QString &rule);
    int sendToPath(const QString &path, const OutFrame &frame); // see pushToPath
    static OutFrame textFrame(const QString &text);
    static OutFrame binaryFrame(const QByteArray &data);
    // Reads the request head so far and refuses it, waits for more, or hands it over.
    void inspectRequest(QTcpSocket *socket);
    void handOver(QTcpSocket *socket, const HandshakeRequest &request);
    void handToHttp(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, const HandshakeVerdict &verdict);
    void onWebSocketConnection();
    // link: the connection's upstream, opened already (see holdForUpstream).
    void setUpConnection(QWebSocket *socket, ProxyLink *link = nullptr);
    // The plain socket a QWebSocket was made from, when its frames can be written to it.
    QTcpSocket *takeHandedOver(const QWebSocket *socket);
    void watchConnection(Connection *connection);
    // protocol: what a preset decoded of its connect (on a preset endpoint the greeting waits
    // for it).
    void greet(Connection *connection, const Endpoint &endpoint,
               const ParamMap *protocol = nullptr);
    // Protocol presets: a connection's session, its frames and what they mean.
    void startSession(Connection *connection, const Endpoint &endpoint);
    // After ms (none when 0) the session says whether its client is late; a late one is closed.
    void awaitClient(const Connection *connection, int ms);
    void handleDecoded(Connection *connection, const Protocols::Decoded &decoded);
    void answerDecoded(Connection *connection, const Inbound &message,
                       const Protocols::Decoded &decoded);
    void handleProtocolFrame(Connection *connection, const Inbound &message);
    // A preset frame on to the upstream, logged with what it means; false without one.
    bool forwardFrame(Connection *connection, const Inbound &message, const QString &decoded);
    // What the session sends once the rules answered (or none did): complete, a receipt.
    void finishAnswer(Connection *connection, const Protocols::Decoded &decoded, bool matched,
                      bool startedStream);
    // Frames the preset itself sends (no rule), logged under its name.
    void sendProtocolFrames(Connection *connection, const QStringList &frames);
    void endProtocolConnection(Connection *connection, const Protocols::Decoded &decoded);
    // A message from a client: handled now, or queued behind those waiting their turn.
    void receive(Connection *connection, Inbound message);
    // What answering a message did: when its last frame goes, in ms from now, and whether
    // it started a stream (a preset's session judges then whether the answer is complete).
    struct Answered
    {
        int lastMs = 0;
        bool startedStream = false;
    };
    // A matched rule's answer: its sequence's next reply, its reply, or its plain response.
    Answered answer(Connection *connection, const Rule &rule, const TemplateContext &context);
    // A rule's changes to the conversation, before it answers (the answer sees them); true
    // when it started a stream.
    bool converse(Connection *connection, const Rule &rule, const TemplateContext &context);
    // Sets vars or shared values, within the limits; each change or refusal is logged.
    void assign(Connection *connection, const Rule &rule,
                const QList<std::pair<QString, Template>> &assignments, ParamMap *into,
                const TemplateContext &context, TrafficEvent::Cause setCause);
    // Sets one value within the limits; the change or the refusal is logged, and a refusal's
    // words go to *error.
    bool store(Connection *connection, const QString &rule, const QString &name, QString text,
               ParamMap *into, TrafficEvent::Cause setCause, QString *error = nullptr);
    void refuseValue(const Connection *connection, const QString &rule, TrafficEvent::Cause cause,
                     const QStringList &details, QString *error);
    // The open connection with this id and a conversation, or null.
    Connection *conversing(quint64 connectionId) const;
    bool remove(quint64 connectionId, const QString &name, bool shared);
    // False when the stream limit refused it.
    bool startRuleStream(Connection *connection, const Rule &rule, const TemplateContext &context);
    void ruleStreamTick(quint64 connectionId, const QString &key);
    void emitConversation(const Connection *connection, TrafficEvent::Kind kind,
                          const QString &rule, TrafficEvent::Cause cause,
                          const QStringList &details);
    EndpointConversation *conversationOf(int endpoint);
    void onDisconnected(Connection *connection);
    void finishStop();

    // mockserver_proxy.cpp: a `proxy:` endpoint's connection and its upstream.
    // A handshake to a `proxy:` endpoint waits for the upstream to answer, so that the client
    // gets the subprotocol the upstream chose; false (nothing done) for other endpoints.
    bool holdForUpstream(QTcpSocket *socket, const HandshakeRequest &request);
    ProxyLink *newLink(const EndpointProxy &proxy, const TemplateContext &context);
    // The connection's upstream: link, opened already, or a new one.
    void linkUpstream(Connection *connection, const EndpointProxy &proxy, ProxyLink *link);
    void upstreamFailed(quint64 connectionId, const QString &reason);
    // What no rule answers goes to the upstream; false when the connection has none.
    bool forwardUpstream(Connection *connection, const QString &text,
                         const QString &decoded = QString());
    bool forwardUpstream(Connection *connection, const QByteArray &data);
    // A frame from the upstream to its client, text or binary.
    void relayFromUpstream(quint64 connectionId, const std::variant<QString, QByteArray> &frame);
    void unlinkUpstream(Connection *connection);

    bool watched() const;
    static TrafficEvent::Source sourceOf(const Connection *connection);
    void emitSent(const Connection *connection, const QString &text, const QString &rule,
                  const TrafficDelivery &delivery = {});
    void emitMissing(const Connection *connection, const QString &rule, const QStringList &missing);

    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_ws = nullptr;
    HttpService *m_http = nullptr;
    ControlApi *m_control = nullptr;
    MockSpecPtr m_spec;
    std::unordered_map<quint64, std::unique_ptr<Connection>> m_connections;
    QHash<QTcpSocket *, QDeadlineTimer>
        m_pending; // accepted, request head not yet seen; its deadline
    // Plain sockets handed to QWebSocketServer, by peer port, until their QWebSocket is set up.
    QMultiHash<quint16, QPointer<QTcpSocket>> m_handedOver;
    quint64 m_nextId = 0;
    qint64 m_maxMessageSize = DefaultMaxMessageSize;
    int m_handshakeTimeout = DefaultHandshakeTimeoutMs;
    int m_proxyConnectTimeout = 10000;
    int m_maxConnections = 0;
    QStringList m_allowedOrigins;
    qint64 m_maxPendingBytes = DefaultMaxPendingBytes;
    qint64 m_maxTotalPendingBytes = DefaultMaxTotalPendingBytes;
    // Optional, not a null QSslConfiguration: constructing one loads the TLS backend and
    // OpenSSL, megabytes a plain ws:// server never needs.
    std::optional<QSslConfiguration> m_tls;
    QTimer m_sweep; // looks for clients that stopped reading
    std::vector<BroadcastStream> m_broadcasts;
    std::map<QString, EndpointConversation> m_conversations; // by endpoint path: stable nodes
    bool m_stopping = false;
    bool m_finishingStop = false;
    int m_stopGeneration = 0;
    // The preset message being answered, while its rule runs: a stream it starts takes its
    // key and values.
    QString m_errorString;
};
