#pragma once

#include "pathpattern.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QStringList>

class QNetworkRequest;
class QUrl;

#include <memory>
#include <utility>

// Whom a Sent frame went to, besides its connection.
enum class TrafficReach {
    Sender,
    Endpoint, // every connection of the endpoint
    Others, // the endpoint's other connections
    All, // a broadcast stream
};

// How a Sent frame was sent when not plainly (the note of console lines and the log).
struct TrafficDelivery
{
    int delayMs = 0;
    TrafficReach reach = TrafficReach::Sender;
    qsizetype recipients = 0; // for Reach::Endpoint and Reach::Others
    qint64 streamTick = 0; // 1-based, for frames of a stream
    bool binary = false;

    bool isPlain() const
    {
        return delayMs == 0 && reach == TrafficReach::Sender && streamTick == 0 && !binary;
    }
};

// One HTTP request and the response it got, in full: for the log and the workbench's detail
// pane. Shared, not copied, by the events that carry it.
struct HttpExchange
{
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    QByteArray method;
    QString target; // path and query, as requested (still percent-encoded)
    Headers requestHeaders;
    QByteArray requestBody;
    int status = 0;
    Headers responseHeaders;
    QByteArray responseBody; // empty for HEAD
    qint64 durationMs = 0; // from the whole request received to the response written
};

// Who sent a frame: the client, the mock (a rule or stream) or a real server a relay forwards.
enum class TrafficOrigin {
    Mock,
    Upstream,
};

// What an Opened event keeps of the handshake request: the path with its query as requested,
// and the headers worth keeping to rebuild the conversation (never credentials).
struct TrafficHandshake
{
    QString target;
    HttpExchange::Headers headers;

    // False for credentials (Authorization, Cookie, ...) and for isHandshakeOwn headers.
    static bool isKept(const QByteArray &name);
    // The headers each handshake sets for itself (Host, Upgrade, Sec-WebSocket-Key, ...).
    static bool isHandshakeOwn(const QByteArray &name);
    // What a handshake request to `url` with these headers keeps.
    static TrafficHandshake of(const QUrl &url, const QNetworkRequest &request);
};

// Everything a MockServer does, as one stream of events: the single source for the CLI's
// console lines, its JSON-lines log and the workbench's traffic views.
struct TrafficEvent
{
    Q_DECLARE_TR_FUNCTIONS(TrafficEvent)

public:
    enum class Kind {
        Opened, // a client completed the handshake
        Received, // a text message that matched a rule (rule set)
        Unmatched, // a text message no rule matched: no reply
        Binary, // a binary message: logged, ignored
        Sent, // a frame the server sent (rule says why: on-connect, on-message[i], push)
        Warning, // a template value was missing, and similar non-fatal problems
        Closed, // the connection ended (closeCode, reason)
        Refused, // a handshake refused before the upgrade (cause and status: why, e.g. 404)
        Error, // a socket or server error
        Http, // an HTTP request answered (status, rule: the endpoint, http: both in full)
        Note, // the conversation changed: a state, a variable, a stream started or stopped
    };

    // Why a Refused, Error or Warning event happened. The event carries the cause and its raw
    // details (in the order listed); EventText words them for people.
    enum class Cause {
        None,
        NotHttp, // refused 400
        HttpVersion, // refused 400; details: the request's HTTP version
        HeadTooLarge, // refused 431
        DataBeforeResponse, // refused 400: frames sent along with the request
        MethodNotAllowed, // refused 405; details: path, method
        NoEndpoint, // refused 404; details: path
        NotUpgrade, // refused 400; details: path
        BadKey, // refused 400; details: path
        BadVersion, // refused 426; details: path, the Sec-WebSocket-Version sent
        SubprotocolNotOffered, // refused 400; details: path, protocol, then the endpoint's own
        OriginNotAllowed, // refused 403; details: path, origin
        TooManyConnections, // refused 503; details: the limit
        TlsHandshakeFailed, // refused; details: the socket's error string
        BadHandshake, // refused by QWebSocketServer; details: its error string
        SlowReader, // error; details: bytes waiting
        SocketError, // error; details: the socket's error string
        MissingValue, // warning; details: the template expression
        WebhookFailed, // error; details: the URL, the error string
        BodyTooLarge, // refused 413; details: path, the limit in bytes
        NotTls, // refused: a client on a wss:// port whose first byte starts no TLS handshake
        TlsTimedOut, // refused: a client on a wss:// port that sent no TLS handshake in time
        OverBudget, // error; details: bytes waiting (delayed replies, queued messages), the limit
        TotalBudget, // error; details: this connection's bytes waiting, all clients', the limit
        StateSet, // note; details: the new state, the old one
        VariableSet, // note; details: the name, the value
        SharedSet, // note; details: the name, the value
        StreamStarted, // note; details: the stream's key
        StreamStopped, // note; details: the stream's key
        StreamFinished, // note; details: the stream's key, the frames it sent
        StreamLimit, // warning: a stream refused; details: its key, the limit
        VariableLimit, // warning: a value refused; details: its name, the limit
        ValueTooLarge, // warning: a value refused; details: its name, the limit in bytes
        RequestLineTooLong, // refused 414; details: the limit in bytes
        HeaderTooLong, // refused 431; details: path, the header's name, the limit in bytes
        TooManyHeaders, // refused 431; details: path, the limit
        MalformedHeader, // refused 400; details: path, the start of the line
        BadHost, // refused 400; details: path, the Host sent
        UpgradeNotAlone, // refused 400; details: path, the Upgrade sent
        VariableRemoved, // note; details: the name
        SharedRemoved, // note; details: the name
        ProtocolError, // error: a preset's client broke its protocol, and is closed; details:
                       // the preset, what was wrong
        StreamNotRunning, // note: a stop-stream with no stream under its key; details: the key
    };
    // A cause added after the last becomes LastCause: the name table and the log reader walk
    // every cause up to it.
    static constexpr Cause LastCause = Cause::StreamNotRunning;

    using Reach = TrafficReach;
    using Delivery = TrafficDelivery;
    using Origin = TrafficOrigin;

    // The version of the session format toJsonLine writes (its "v" field).
    static constexpr int SessionVersion = 1;

    // Which connection an event belongs to.
    struct Source
    {
        quint64 connectionId = 0;
        QString path;
    };

    Kind kind = Kind::Error;
    quint64 connectionId = 0; // 0 for server-wide events
    qint64 timestamp = 0; // ms since the epoch
    QString path; // the request path of the connection
    QString payload; // message text or binary preview
    QByteArray data; // a binary frame's bytes (Binary, and Sent with delivery.binary); shared
    qint64 size = 0; // payload size in bytes as on the wire
    QString rule; // "on-connect", "on-message[0]", or empty
    // On a preset endpoint, what a client frame means: graphql-ws subscribe 1 hello.
    QString decoded;
    Delivery delivery; // Sent only
    Origin origin = Origin::Mock; // Sent only: who sent the frame
    bool forwarded = false; // Received and Binary: passed on to an upstream, not answered here

    // A client frame no rule took and no upstream was given (a binary one has no Unmatched
    // kind of its own).
    bool isUnmatched() const
    {
        return kind == Kind::Unmatched || (kind == Kind::Binary && rule.isEmpty() && !forwarded);
    }
    // Refused, Error and Warning:
    Cause cause = Cause::None;
    int status = 0; // the HTTP status a refusal answered, when it answered one
    QStringList details;
    // Opened only:
    QString peer;
    ParamMap pathParams;
    ParamMap queryParams;
    QString subprotocol;
    TrafficHandshake handshake;
    // Closed only:
    int closeCode = 0;
    QString closeReason;
    // Http only (also peer, status, rule; path is the decoded path, payload the response
    // body as text, size its bytes):
    std::shared_ptr<const HttpExchange> http;

    // The one way events are made, stamped with the current time.
    static TrafficEvent opened(const Source &source, const QString &peer,
                               const ParamMap &pathParams, const ParamMap &queryParams,
                               const QString &subprotocol, const TrafficHandshake &handshake = {});
    static TrafficEvent received(const Source &source, const QString &text, const QString &rule);
    // answeredBy: "on-unmatched" when the endpoint's fallback replies; the message still
    // counts as unmatched.
    static TrafficEvent unmatched(const Source &source, const QString &text,
                                  const QString &answeredBy = QString());
    static TrafficEvent binaryReceived(const Source &source, const QByteArray &data,
                                       const QString &rule);
    static TrafficEvent sent(const Source &source, const QString &text, const QString &rule,
                             const Delivery &delivery = {});
    static TrafficEvent sentBinary(const Source &source, const QByteArray &data,
                                   const QString &rule, Delivery delivery = {});
    static TrafficEvent missingValue(const Source &source, const QString &rule,
                                     const QString &expression);
    static TrafficEvent closed(const Source &source, int code, const QString &reason);
    static TrafficEvent refused(const QString &peer, Cause cause, int status,
                                const QStringList &details);
    static TrafficEvent error(const Source &source, Cause cause, const QStringList &details);
    // A conversation's change (Note) or a refused action (Warning), by the rule that did it.
    static TrafficEvent conversation(Kind kind, const Source &source, const QString &rule,
                                     Cause cause, const QStringList &details);
    // rule: the endpoint's label, or empty when none answered (404, 405, a preflight).
    static TrafficEvent httpExchange(const QString &peer, const QString &path, const QString &rule,
                                     std::shared_ptr<const HttpExchange> exchange);

    // "in", "out" or "-" as the JSON log writes it.
    QString direction() const;
    // Who sent a frame as the JSON log writes it: "client", "mock" or "upstream"; empty for
    // events that are not frames.
    QString sourceName() const;
    static QString kindName(Kind kind);
    // The cause as the JSON log writes it: "no-endpoint", "slow-reader", ...
    static const char *causeName(Cause cause);
    // The event as one compact JSON object (no newline), for the --log file. Written by hand:
    // it runs once per frame when logging, where QJsonDocument would cost several times more.
    QByteArray toJsonLine() const;
    void appendJsonLine(QByteArray &out) const; // the same, appended to out
    // Bytes of text once encoded as UTF-8, without encoding it.
    static qint64 utf8Size(QStringView text);
    // One concise human-readable line (no trailing newline), as `mocket-cli serve` prints.
    QString toLine() const;

private:
    QString httpLine() const;
};

Q_DECLARE_METATYPE(TrafficEvent)
