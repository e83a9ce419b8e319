// The request head inspection: the bytes a client sends before the upgrade, judged by
// HandshakeRequest as MockServer judges them. The first field holds option bits (plain HTTP
// served or not, an Origin list or not, more bytes received than the head); the second is the
// head. Checks, beyond no crash: a refusal has a status, a status line and a reason; waiting
// only for an unfinished head under the limit; an unfinished head is never upgraded or served;
// a plain request is served only when plain HTTP is, and an upgrade never; and above all,
// every head upgraded is one QWebSocketServer 6.4 takes (its parse is restated below), since
// anything else it would close without a word.

#include "fuzzcommon.h"

#include "eventtext.h"
#include "handshakerequest.h"
#include "mockspec.h"
#include "specloader.h"

#include <QUrl>

#include <utility>

namespace {

const MockSpec &spec()
{
    static const MockSpecPtr loaded = [] {
        const LoadResult result = SpecLoader::loadText(
            QStringLiteral("- websocket: {path: /ws/echo, on-connect: {response: hi}}\n"
                           "- websocket: {path: '/ws/user/:name', on-connect: {response: hi}}\n"
                           "- websocket: {path: /chat, subprotocols: [chat.v2, chat.v1],"
                           " on-connect: {response: hi}}\n"),
            QStringLiteral("fuzz.yml"));
        if (!result.ok())
            fuzz::fail("the fixed spec does not load", result.diagnosticsText());
        return result.spec;
    }();
    return *loaded;
}

using Fields = QList<std::pair<QByteArray, QByteArray>>;

bool isTokenCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool startsWithSpace(QByteArrayView text)
{
    return text.startsWith(' ') || text.startsWith('\t');
}

// QHttpHeaderParser::parseHeaders of Qt 6.4, restated: at most 100 fields of at most 8192
// bytes each, names of token characters, folded lines joined.
bool parseHeaders(QByteArrayView header, Fields *fields)
{
    if (startsWithSpace(header) || (!header.isEmpty() && !header.endsWith('\n')))
        return false;
    while (int tail = header.endsWith("\n\r\n") ? 2 : header.endsWith("\n\n") ? 1 : 0)
        header.chop(tail);
    while (!header.isEmpty()) {
        const qsizetype colon = header.indexOf(':');
        if (colon < 0)
            return fields->isEmpty() && (header == "\n" || header == "\r\n");
        if (fields->size() >= 100)
            return false;
        const QByteArrayView name = header.first(colon);
        if (name.isEmpty() || !std::all_of(name.begin(), name.end(), isTokenCharacter))
            return false;
        header = header.sliced(colon + 1);
        QByteArray value;
        qsizetype space = 8192 - name.size() - 1;
        do {
            const qsizetype end = header.indexOf('\n');
            QByteArrayView line = header.first(end);
            space -= line.size() - (line.endsWith('\r') ? 1 : 0);
            if (space < 0)
                return false;
            line = line.trimmed();
            if (!line.isEmpty())
                value += value.isEmpty() ? line.toByteArray() : ' ' + line.toByteArray();
            header = header.sliced(end + 1);
        } while (startsWithSpace(header));
        fields->append({ name.toByteArray(), value });
    }
    return true;
}

QByteArray first(const Fields &fields, QByteArrayView name)
{
    for (const auto &[field, value] : fields) {
        if (name.compare(field, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool versionsRead(const Fields &fields, bool *any)
{
    for (const auto &[field, value] : fields) {
        if (field.compare("sec-websocket-version", Qt::CaseInsensitive) != 0)
            continue;
        const QString text = QString::fromLatin1(value);
        for (const QStringView version : text.tokenize(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool number = false;
            const uint parsed = version.toUInt(&number);
            Q_UNUSED(parsed)
            if (!number)
                return false;
            *any = true;
        }
    }
    return true;
}

// QWebSocketHandshakeRequest::readHandshake of QtWebSockets 6.4, restated: whether it would
// call this complete head (up to its blank line) a valid handshake.
bool qtTakes(QByteArrayView head)
{
    const QByteArrayView window = head.first(std::min<qsizetype>(head.size(), 8192));
    const qsizetype lineEnd = window.indexOf('\n');
    if (lineEnd < 0)
        return false;
    QByteArrayView requestLine = window.first(lineEnd);
    if (requestLine.endsWith('\r'))
        requestLine.chop(1);
    const QStringList tokens
        = QString::fromLatin1(requestLine).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (tokens.size() < 3)
        return false;
    bool versionOk = false;
    const float httpVersion = QStringView(tokens.at(2)).mid(5).toFloat(&versionOk);
    Fields fields;
    if (!versionOk || !parseHeaders(head.sliced(lineEnd + 1), &fields))
        return false;
    QUrl url = QUrl::fromEncoded(tokens.at(1).toLatin1());
    if (url.isRelative()) {
        url.setAuthority(QString::fromLatin1(first(fields, "host")));
        if (!url.userName().isNull())
            return false;
    }
    bool anyVersion = false;
    if (!versionsRead(fields, &anyVersion))
        return false;
    const QString connection = QString::fromLatin1(first(fields, "connection"));
    bool upgradeListed = false;
    for (const QStringView option : connection.tokenize(QLatin1Char(','), Qt::SkipEmptyParts))
        upgradeListed = upgradeListed
            || option.trimmed().compare(QLatin1String("upgrade"), Qt::CaseInsensitive) == 0;
    return !url.host().isEmpty() && anyVersion && !first(fields, "sec-websocket-key").isEmpty()
        && tokens.at(0) == QLatin1String("GET") && httpVersion >= 1.1f
        && first(fields, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0 && upgradeListed;
}

void checkRefusal(const HandshakeVerdict &verdict)
{
    FUZZ_CHECK(verdict.status >= 400 && verdict.status < 600 && !verdict.statusText().isEmpty(),
               QString::number(verdict.status));
    FUZZ_CHECK(
        !EventText::cause(verdict.cause, verdict.details, EventText::Language::English).isEmpty(),
        QString::fromLatin1(TrafficEvent::causeName(verdict.cause)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QList<QByteArray> fields = fuzz::fields(data, size, 2);
    const char options = fields.at(0).isEmpty() ? 0 : fields.at(0).at(0);
    const QByteArray head = fields.at(1).left(HandshakeRequest::MaxHead);
    const qint64 received = (options & 4) ? head.size() + 1 : head.size();
    HandshakePolicy policy;
    policy.spec = &spec();
    policy.offeredSubprotocols = { QStringLiteral("chat.v2"), QStringLiteral("chat.v1") };
    if (options & 2)
        policy.allowedOrigins = { QStringLiteral("https://app.example") };
    policy.serveHttp = options & 1;
    policy.maxBodySize = 1024;

    const HandshakeRequest request = HandshakeRequest::parse(head, received);
    const HandshakeVerdict verdict = request.verdict(policy);
    using Outcome = HandshakeVerdict::Outcome;
    switch (verdict.outcome) {
    case Outcome::Refuse:
        checkRefusal(verdict);
        break;
    case Outcome::Wait:
        FUZZ_CHECK(!request.isComplete() && head.size() < HandshakeRequest::MaxHead,
                   fuzz::text(head));
        break;
    case Outcome::Http:
        FUZZ_CHECK(policy.serveHttp && request.isComplete() && !request.isUpgrade(),
                   fuzz::text(head));
        break;
    case Outcome::Upgrade: {
        FUZZ_CHECK(request.isComplete() && received == head.size(), fuzz::text(head));
        const qsizetype end = head.indexOf("\r\n\r\n") + 4;
        FUZZ_CHECK(qtTakes(QByteArrayView(head).first(end)),
                   QStringLiteral("upgraded, but QWebSocketServer would drop it:\n")
                       + fuzz::text(head));
        // One byte short of its blank line, the same head is not upgraded.
        const HandshakeVerdict early = HandshakeRequest::parse(head.first(end - 1)).verdict(policy);
        FUZZ_CHECK(early.outcome == Outcome::Wait || early.outcome == Outcome::Refuse,
                   fuzz::text(head));
        break;
    }
    }
    return 0;
}
