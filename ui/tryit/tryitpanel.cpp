#include "tryitpanel.h"

#include "httpresponder.h"
#include "mockserver.h"
#include "trafficlog.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Two lines at the least: the panel shares its height with Traffic on a 1280x800 screen.
void keepTwoLines(QPlainTextEdit *edit)
{
    edit->setMinimumHeight(2 * edit->fontMetrics().lineSpacing() + 2 * edit->frameWidth() + 8);
}

QPlainTextEdit *makeOutput(const QFont &font, QWidget *parent)
{
    auto *output = new QPlainTextEdit(parent);
    output->setReadOnly(true);
    output->setFont(font);
    keepTwoLines(output);
    return output;
}

QPlainTextEdit *makeInput(const QFont &font, const QString &placeholder, int maxHeight,
                          QWidget *parent)
{
    auto *input = new QPlainTextEdit(parent);
    input->setPlaceholderText(placeholder);
    input->setFont(font);
    input->setTabChangesFocus(true);
    input->setMaximumHeight(maxHeight);
    keepTwoLines(input);
    return input;
}

// "Name: value" lines as headers; the lines that are no header come back in bad.
HttpExchange::Headers parseHeaders(const QString &text, QStringList *bad)
{
    HttpExchange::Headers headers;
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const int colon = line.indexOf(QLatin1Char(':'));
        const QString name = line.left(colon).trimmed();
        if (colon <= 0 || name.contains(QLatin1Char(' '))) {
            if (!line.trimmed().isEmpty())
                bad->append(line.trimmed());
            continue;
        }
        headers.emplace_back(name.toLatin1(), line.mid(colon + 1).trimmed().toUtf8());
    }
    return headers;
}

// A frame as the panel shows it: STOMP's NUL as ^@, the way it is typed.
QString visible(const QString &frame)
{
    QString text = frame;
    return text.replace(QChar(0), QStringLiteral("^@"));
}

// A frame and who sends it, as the traffic log tags it: "[graphql-ws] {...}".
QString tagged(const QString &tag, const QString &frame)
{
    return QStringLiteral("[%1] %2").arg(tag, visible(frame));
}

void appendTagged(QStringList *lines, const QString &tag, const QStringList &frames)
{
    for (const QString &frame : frames)
        lines->append(tagged(tag, frame));
}

} // namespace

TryItPanel::TryItPanel(QWidget *parent) : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_source = new QLabel(this);
    m_source->setWordWrap(true);
    m_source->setStyleSheet(QStringLiteral("color: #92400e"));
    m_source->hide();
    m_tabs->addTab(makeWebSocketPage(), tr("WebSocket"));
    m_tabs->addTab(makeHttpPage(), tr("HTTP"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_source);
    layout->addWidget(m_tabs);

    m_timer.setSingleShot(true);
    m_timer.setInterval(150);
    connect(&m_timer, &QTimer::timeout, this, &TryItPanel::update);
    connect(m_path, &QLineEdit::textEdited, this, [this] {
        m_pathTouched = true;
        m_timer.start();
    });
    connect(m_message, &QPlainTextEdit::textChanged, &m_timer, qOverload<>(&QTimer::start));
    connect(m_target, &QLineEdit::textEdited, this, [this] {
        m_targetTouched = true;
        m_timer.start();
    });
    connect(m_method, &QComboBox::currentIndexChanged, &m_timer, qOverload<>(&QTimer::start));
    connect(m_headers, &QPlainTextEdit::textChanged, &m_timer, qOverload<>(&QTimer::start));
    connect(m_body, &QPlainTextEdit::textChanged, &m_timer, qOverload<>(&QTimer::start));
    update();
}

QWidget *TryItPanel::makeWebSocketPage()
{
    auto *page = new QWidget(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_path = new QLineEdit(page);
    m_path->setPlaceholderText(tr("/ws/echo?name=value"));
    m_path->setFont(fixed);
    m_message = makeInput(fixed, tr("A message a client would send, e.g. ping"), 90, page);
    m_message->setObjectName(QStringLiteral("tryMessage"));
    m_summary = new QLabel(page);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_greeting = makeOutput(fixed, page);
    m_greeting->setMaximumHeight(70);
    m_reply = makeOutput(fixed, page);
    m_stream = makeOutput(fixed, page);
    m_stream->setObjectName(QStringLiteral("tryStream"));
    m_stream->setToolTip(tr("The stream the message starts (its first frames) or stops"));
    m_stream->hide();
    m_misses = new QListWidget(page);
    m_misses->setWordWrap(true);
    m_misses->setToolTip(tr("Why each rule of the endpoint does not answer this message"));
    m_misses->hide();

    m_conversationText = new QLabel(page);
    m_conversationText->setObjectName(QStringLiteral("tryConversation"));
    m_conversationText->setWordWrap(true);
    m_conversationText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_send = new QPushButton(tr("Send"), page);
    m_send->setObjectName(QStringLiteral("trySend"));
    m_send->setToolTip(tr("Send the message on the simulated connection: the state and values "
                          "its rule sets stay for the next message"));
    m_reset = new QPushButton(tr("Reset"), page);
    m_reset->setObjectName(QStringLiteral("tryReset"));
    m_reset->setToolTip(tr("Start a fresh simulated connection: state start, no values, each "
                           "sequence at its first reply"));
    connect(m_send, &QPushButton::clicked, this, &TryItPanel::sendMessage);
    connect(m_reset, &QPushButton::clicked, this, &TryItPanel::resetConversation);

    auto *form = new QFormLayout;
    m_webSocketForm = form;
    form->addRow(tr("Path:"), m_path);
    form->addRow(tr("Messa&ge:"), m_message);
    form->addRow(tr("Greeting:"), m_greeting);
    // The connection's words get the field's whole width (they wrap), its buttons a row below.
    form->addRow(tr("Connection:"), m_conversationText);
    auto *connectionButtons = new QHBoxLayout;
    connectionButtons->addStretch(1);
    connectionButtons->addWidget(m_send);
    connectionButtons->addWidget(m_reset);
    form->addRow(QString(), connectionButtons);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_misses, 1);
    m_replyLabel = new QLabel(tr("Reply:"), page);
    layout->addWidget(m_replyLabel);
    layout->addWidget(m_reply, 1);
    m_streamLabel = new QLabel(tr("Stream:"), page);
    m_streamLabel->hide();
    layout->addWidget(m_streamLabel);
    layout->addWidget(m_stream, 1);
    return page;
}

QWidget *TryItPanel::makeHttpPage()
{
    auto *page = new QWidget(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_method = new QComboBox(page);
    m_method->addItems({ QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                         QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                         QStringLiteral("OPTIONS") });
    m_method->setToolTip(tr("The request's method"));
    m_target = new QLineEdit(page);
    m_target->setPlaceholderText(tr("/path?name=value"));
    m_target->setFont(fixed);
    m_headers = makeInput(fixed, tr("One per line, e.g. Accept: application/json"), 48, page);
    m_body = makeInput(fixed, tr("The request body, e.g. {\"name\": \"ana\"}"), 56, page);
    m_httpSummary = new QLabel(page);
    m_httpSummary->setWordWrap(true);
    m_httpSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_response = makeOutput(fixed, page);
    m_effects = makeOutput(fixed, page);
    m_effects->setMaximumHeight(56);
    m_effects->setPlaceholderText(tr("No push to WebSocket clients, no webhook."));

    auto *request = new QHBoxLayout;
    request->addWidget(m_method);
    request->addWidget(m_target, 1);
    auto *form = new QFormLayout;
    // A row holding a layout gets no buddy from addRow(); the label names the path field.
    auto *requestLabel = new QLabel(tr("Re&quest:"), page);
    requestLabel->setBuddy(m_target);
    form->addRow(requestLabel, request);
    form->addRow(tr("Headers:"), m_headers);
    form->addRow(tr("Body:"), m_body);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_httpSummary);
    layout->addWidget(new QLabel(tr("Response:"), page));
    layout->addWidget(m_response, 1);
    layout->addWidget(new QLabel(tr("Also sets off:"), page));
    layout->addWidget(m_effects);
    return page;
}

QString TryItPanel::samplePath(const PathPattern &path)
{
    QStringList segments = PathPattern::splitPath(path.text());
    for (QString &segment : segments) {
        // "/ws/user/:username" -> "/ws/user/username"; a typed ":age|int" -> "age"
        if (segment.startsWith(QLatin1Char(':')))
            segment = segment.mid(1).section(QLatin1Char('|'), 0, 0);
    }
    return QLatin1Char('/') + segments.join(QLatin1Char('/'));
}

void TryItPanel::setSpec(MockSpecPtr spec, SpecSource source)
{
    m_spec = std::move(spec);
    const bool fromText = source == SpecSource::CurrentText || !m_spec;
    m_source->setText(
        fromText ? QString()
            : source == SpecSource::Served
            ? tr("The text has errors: Try it answers from the config the server runs.")
            : tr("The text has errors: Try it answers from the last valid config."));
    m_source->setVisible(!fromText);
    if (m_spec && !m_pathTouched && !m_spec->endpoints.isEmpty()
        && !m_spec->route(m_path->text().section(QLatin1Char('?'), 0, 0)))
        m_path->setText(samplePath(m_spec->endpoints.first().path));
    if (m_spec && !m_targetTouched && !m_spec->httpEndpoints.isEmpty()) {
        const HttpEndpoint &first = m_spec->httpEndpoints.first();
        m_method->setCurrentText(QString::fromLatin1(first.method));
        m_target->setText(samplePath(first.path));
    }
    m_timer.start();
}

void TryItPanel::setPath(const QString &pathAndQuery)
{
    m_pathTouched = true;
    m_path->setText(pathAndQuery);
    update();
}

void TryItPanel::setMessage(const QString &message)
{
    m_message->setPlainText(message);
    update();
}

void TryItPanel::update()
{
    m_timer.stop();
    updateWebSocket();
    updateHttp();
}

void TryItPanel::updateWebSocket()
{
    showConversation();
    if (!m_spec) {
        showWebSocket({});
        return;
    }
    // A preset endpoint's session is made once, so that what it shows (Socket.IO's ids) stays.
    prepareTryConversation(*m_spec, m_path->text(), &m_conversation);
    const Endpoint *endpoint = typedEndpoint();
    showMessageHint(endpoint);
    // What the message would get; the simulated connection is left as it is until sent.
    TryConversation next = m_conversation;
    showWebSocket(tryMessage(*m_spec, m_path->text(), typedMessage(endpoint), &next));
}

const Endpoint *TryItPanel::typedEndpoint() const
{
    return m_spec
        ? m_spec->route(QUrl::fromEncoded(m_path->text().toUtf8()).path(QUrl::FullyEncoded))
        : nullptr;
}

QString TryItPanel::typedMessage(const Endpoint *endpoint) const
{
    QString message = m_message->toPlainText();
    if (endpoint && endpoint->protocol == Protocols::Kind::Stomp)
        message.replace(QStringLiteral("^@"), QString(QChar(0)));
    return message;
}

void TryItPanel::showMessageHint(const Endpoint *endpoint)
{
    const Protocols::Kind kind = endpoint ? endpoint->protocol : Protocols::Kind::None;
    switch (kind) {
    case Protocols::Kind::SocketIo:
        m_message->setPlaceholderText(
            tr("A Socket.IO packet as its client sends it: 40 joins, then 42[\"chat\",\"hi\"]"));
        break;
    case Protocols::Kind::GraphqlWs:
        m_message->setPlaceholderText(tr(
            "A graphql-ws message as its client sends it, first {\"type\":\"connection_init\"}"));
        break;
    case Protocols::Kind::Stomp:
        m_message->setPlaceholderText(tr("A STOMP frame: its command, headers, a blank line, "
                                         "its body, then ^@ for the NUL that ends it"));
        break;
    case Protocols::Kind::None:
        m_message->setPlaceholderText(tr("A message a client would send, e.g. ping"));
        break;
    }
    m_message->setToolTip(kind == Protocols::Kind::Stomp
                              ? tr("Type ^@ for the NUL that ends a STOMP frame")
                              : QString());
}

void TryItPanel::sendMessage()
{
    if (!m_spec)
        return;
    m_timer.stop();
    prepareTryConversation(*m_spec, m_path->text(), &m_conversation);
    const TryResult result
        = tryMessage(*m_spec, m_path->text(), typedMessage(typedEndpoint()), &m_conversation);
    showWebSocket(result);
    showConversation();
}

void TryItPanel::resetConversation()
{
    m_conversation = {};
    update();
}

QString TryItPanel::conversationText() const
{
    QStringList parts { tr("state %1").arg(m_conversation.state) };
    const auto add = [&parts](const QString &scope, const ParamMap &values) {
        QStringList names = values.keys();
        std::sort(names.begin(), names.end());
        for (const QString &name : std::as_const(names))
            parts.append(QStringLiteral("%1.%2 = %3").arg(scope, name, values.value(name)));
    };
    add(QStringLiteral("vars"), m_conversation.vars);
    add(QStringLiteral("shared"), m_conversation.shared);
    if (!m_conversation.streams.isEmpty()) {
        QStringList keys = m_conversation.streams.values();
        std::sort(keys.begin(), keys.end());
        parts.append(tr("streams %1").arg(keys.join(QStringLiteral(", "))));
    }
    if (m_conversation.closed)
        parts.append(tr("closed"));
    return parts.join(QStringLiteral(" · "));
}

void TryItPanel::showConversation()
{
    m_conversationText->setText(m_conversation.isFresh() ? tr("fresh (state start, no values)")
                                                         : conversationText());
    m_reset->setEnabled(!m_conversation.isFresh());
    m_send->setEnabled(m_spec != nullptr);
}

void TryItPanel::showWebSocket(const TryResult &result)
{
    m_greeting->clear();
    m_reply->clear();
    m_misses->clear();
    m_misses->hide();
    m_stream->clear();
    m_stream->hide();
    m_streamLabel->hide();
    m_reply->show();
    m_replyLabel->show();
    if (!m_spec) {
        m_summary->setText(tr("Fix the config's errors to try messages."));
        return;
    }
    if (!result.endpoint) {
        m_summary->setText(
            tr("No endpoint serves %1: a client would get HTTP 404.").arg(m_path->text()));
        return;
    }
    const QString greeting = result.protocol ? presetGreeting(result) : result.greeting;
    const bool greets = result.protocol ? !greeting.isEmpty() : result.hasGreeting;
    m_greeting->setPlainText(greets ? greeting : tr("(no greeting)"));
    // The room of an endpoint that greets with nothing goes to the reply.
    m_webSocketForm->setRowVisible(m_greeting, greets);
    QString text = result.protocol ? presetOutcome(result) : ruleOutcome(result);
    if (!result.missing.isEmpty())
        text += QLatin1Char(' ')
            + tr("Rendered empty: %1.").arg(result.missing.join(QStringLiteral(", ")));
    m_summary->setText(text);
    const QString stream = streamLines(result);
    m_stream->setPlainText(stream);
    m_stream->setVisible(!stream.isEmpty());
    m_streamLabel->setVisible(!stream.isEmpty());
    // A stream's frames get the room of a reply that has none.
    const bool replyShown = stream.isEmpty() || !m_reply->document()->isEmpty();
    m_reply->setVisible(replyShown);
    m_replyLabel->setVisible(replyShown);
}

QString TryItPanel::ruleOutcome(const TryResult &result)
{
    const QString path = result.endpoint->path.text();
    if (m_message->toPlainText().isEmpty())
        return tr("Endpoint %1. Type a message to see which rule answers.").arg(path);
    if (result.fallback) {
        m_reply->setPlainText(result.reply);
        showMisses(result);
        return tr("Endpoint %1: no rule matches, so on-unmatched answers.").arg(path);
    }
    if (!result.rule) {
        showMisses(result);
        return tr("Endpoint %1: no rule matches, so no reply is sent.").arg(path);
    }
    m_reply->setPlainText(result.reply);
    return tr("Endpoint %1: %2 matches (%3 pattern).")
        .arg(path, result.rule->label(), result.rule->pattern.kindName());
}

QString TryItPanel::presetOutcome(const TryResult &result)
{
    using Action = Protocols::Decoded::Action;
    const TryProtocol &protocol = *result.protocol;
    const Protocols::Decoded &decoded = protocol.decoded;
    const QString path = result.endpoint->path.text();
    if (m_message->toPlainText().isEmpty())
        return tr("Endpoint %1 speaks %2: type a frame as its client sends it.")
            .arg(path, protocol.name);
    if (protocol.afterClose)
        return tr("Endpoint %1: the connection is closed, so the frame goes nowhere; Reset "
                  "starts a fresh one.")
            .arg(path);
    m_reply->setPlainText(presetFrames(result));
    const QString closing = decoded.closeReason.isEmpty()
        ? QString::number(protocol.closeCode)
        : tr("%1 (%2)").arg(protocol.closeCode).arg(decoded.closeReason);
    switch (decoded.action) {
    case Action::Bad:
        return tr("Endpoint %1: %2 protocol error: %3. The connection closes with %4.")
            .arg(path, protocol.name, decoded.problem, closing);
    case Action::Close:
        return tr("Endpoint %1: %2. The connection closes with %3.")
            .arg(path, decoded.summary, closing);
    case Action::Connected:
        return tr("Endpoint %1: %2. The %3 connection is set up, and on-connect runs.")
            .arg(path, decoded.summary, protocol.name);
    case Action::Ignore:
        return tr("Endpoint %1: %2, answered by %3 itself; no rule sees it.")
            .arg(path, decoded.summary, protocol.name);
    case Action::Stop:
        return tr("Endpoint %1: %2.").arg(path, decoded.summary);
    case Action::Message:
        break;
    }
    if (!result.rule)
        showMisses(result);
    return tr("Endpoint %1: %2: %3").arg(path, decoded.summary, presetMessageOutcome(result));
}

QString TryItPanel::presetMessageOutcome(const TryResult &result)
{
    QString text = result.rule ? tr("%1 matches.").arg(result.rule->label())
        : result.fallback      ? tr("no rule matches, so on-unmatched answers.")
                               : tr("no rule matches.");
    if ((result.rule || result.fallback) && result.audience == Audience::Others)
        text += QLatin1Char(' ') + tr("The reply goes to the endpoint's other connections.");
    else if ((result.rule || result.fallback) && result.audience == Audience::Endpoint)
        text += QLatin1Char(' ') + tr("The reply goes to every connection of the endpoint.");
    if (result.protocol->unframed > 0)
        text += QLatin1Char(' ')
            + tr("%n reply frame(s) not for this connection: %1 frames only its own.", nullptr,
                 result.protocol->unframed)
                  .arg(result.protocol->name);
    return text;
}

QString TryItPanel::presetFrames(const TryResult &result)
{
    const TryProtocol &protocol = *result.protocol;
    QStringList lines;
    appendTagged(&lines, protocol.name, protocol.decoded.replies);
    appendTagged(&lines, QStringLiteral("on-connect"), protocol.greeting);
    if (result.rule || result.fallback)
        appendTagged(&lines, result.rule ? result.rule->label() : QStringLiteral("on-unmatched"),
                     result.frames);
    appendTagged(&lines, protocol.name, protocol.after);
    return lines.join(QLatin1Char('\n'));
}

QString TryItPanel::presetGreeting(const TryResult &result)
{
    const TryProtocol &protocol = *result.protocol;
    QStringList lines;
    appendTagged(&lines, protocol.name, protocol.opened);
    if (result.hasGreeting)
        lines.append(tr("on-connect, once the %1 connect is done: %2")
                         .arg(protocol.name, visible(result.greeting)));
    return lines.join(QLatin1Char('\n'));
}

QString TryItPanel::streamLines(const TryResult &result)
{
    QStringList lines;
    if (result.stopped)
        lines.append(result.stopped->wasRunning
                         ? tr("Stops stream %1.").arg(result.stopped->key)
                         : tr("No stream %1 is running.").arg(result.stopped->key));
    if (!result.stream)
        return lines.join(QLatin1Char('\n'));
    const TryStream &stream = *result.stream;
    if (stream.refused) {
        lines.append(tr("Stream %1 is refused: the connection runs %2 streams already.")
                         .arg(stream.key)
                         .arg(Conversation::MaxStreams));
        return lines.join(QLatin1Char('\n'));
    }
    const QString length
        = stream.count > 0 ? tr("%n frame(s)", nullptr, int(stream.count)) : tr("until stopped");
    lines.append((stream.restarted ? tr("Restarts stream %1, every %2 ms, %3:")
                                   : tr("Starts stream %1, every %2 ms, %3:"))
                     .arg(stream.key)
                     .arg(stream.intervalMs)
                     .arg(length));
    for (qsizetype i = 0; i < stream.frames.size(); ++i)
        lines.append(QStringLiteral("%1  %2").arg(i + 1).arg(visible(stream.frames.at(i))));
    if (stream.count == 0 || stream.count > stream.frames.size())
        lines.append(QStringLiteral("…"));
    if (stream.final)
        lines.append(tr("final  %1").arg(visible(*stream.final)));
    if (result.protocol)
        appendTagged(&lines, result.protocol->name, stream.ended);
    return lines.join(QLatin1Char('\n'));
}

void TryItPanel::showMisses(const TryResult &result)
{
    const QList<Rule> &rules = result.endpoint->rules;
    for (qsizetype index = 0; index < rules.size() && index < result.misses.size(); ++index) {
        const Rule &rule = rules.at(index);
        auto *item = new QListWidgetItem(missText(rule, result.misses.at(index)), m_misses);
        item->setToolTip(tr("Line %1").arg(rule.location.line));
    }
    m_misses->setVisible(m_misses->count() > 0);
}

QString TryItPanel::missText(const Rule &rule, const PatternMiss &miss)
{
    using Reason = PatternMiss::Reason;
    const QString label = rule.label();
    switch (miss.reason) {
    case Reason::None:
        break;
    case Reason::NotJson:
        return tr("%1: its pattern is JSON, and the message is not JSON.").arg(label);
    case Reason::MissingKey:
        return tr("%1: the message has no \"%2\" key.").arg(label, miss.path);
    case Reason::ValueDiffers:
        return miss.path.isEmpty()
            ? tr("%1: expected %2, the message is %3.").arg(label, miss.expected, miss.actual)
            : tr("%1: at %2, expected %3, got %4.")
                  .arg(label, miss.path, miss.expected, miss.actual);
    case Reason::LengthDiffers:
        return tr("%1: the array at %2 must hold %3 elements; the message's holds %4.")
            .arg(label, miss.path.isEmpty() ? tr("the top") : miss.path, miss.expected,
                 miss.actual);
    case Reason::TextDiffers:
        return tr("%1: the text differs from %2 at character %3.")
            .arg(label, miss.expected)
            .arg(miss.position + 1);
    case Reason::RegexFailed:
        return tr("%1: the regular expression %2 does not match.").arg(label, miss.expected);
    case Reason::BinaryRule:
        return tr("%1: answers binary messages only.").arg(label);
    case Reason::TextRule:
        return tr("%1: answers text messages only.").arg(label);
    case Reason::PrefixDiffers:
        return tr("%1: the data does not start with %2 (hex).").arg(label, miss.expected);
    case Reason::Disabled:
        return tr("%1: switched off (enabled: false).").arg(label);
    case Reason::SelectorDiffers:
        return tr("%1: its %2 is %3; the message is %4.")
            .arg(label, miss.path, miss.expected, miss.actual);
    case Reason::StateGuard:
        return tr("%1: answers only in state %2; the connection is in \"%3\".")
            .arg(label, miss.expected, miss.actual);
    }
    return tr("%1: matches.").arg(label);
}

void TryItPanel::updateHttp()
{
    m_response->clear();
    m_effects->clear();
    if (!m_spec) {
        m_httpSummary->setText(tr("Fix the config's errors to try requests."));
        return;
    }
    QString target = m_target->text().trimmed();
    if (!target.startsWith(QLatin1Char('/')))
        target.prepend(QLatin1Char('/'));
    const QByteArray method = m_method->currentText().toLatin1();
    HttpRequestData request = HttpRequestData::fromTarget(method, target);
    QStringList badHeaders;
    request.headers = parseHeaders(m_headers->toPlainText(), &badHeaders);
    request.body = m_body->toPlainText().toUtf8();
    request.peer = QStringLiteral("127.0.0.1");
    HttpPolicy policy;
    policy.maxBodySize = MockServer::DefaultMaxBodySize;
    // No rate windows: Try it answers as if no limit had been reached, and counts nothing.
    const HttpReply reply = HttpResponder::respond(*m_spec, request, policy, nullptr);
    QString wire = QString::fromUtf8(HttpResponder::serialize(reply, method == "HEAD"));
    wire.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    m_response->setPlainText(wire);
    m_effects->setPlainText(effectsText(reply));
    m_httpSummary->setText(httpOutcome(reply, badHeaders));
}

QString TryItPanel::httpOutcome(const HttpReply &reply, const QStringList &badHeaders) const
{
    QString text = reply.rule.isEmpty()
        ? tr("No endpoint answers: the server replies %1 itself.").arg(reply.status)
        : tr("Endpoint %1 answers %2.").arg(reply.rule).arg(reply.status);
    if (reply.delayMs > 0)
        text += QLatin1Char(' ') + tr("Sent after %1 ms.").arg(reply.delayMs);
    if (!reply.fetch.isEmpty())
        text += QLatin1Char(' ')
            + tr("The body is fetched from %1 when served.").arg(reply.fetch.toString());
    if (!reply.missing.isEmpty())
        text += QLatin1Char(' ')
            + tr("Rendered empty: %1.").arg(reply.missing.join(QStringLiteral(", ")));
    if (!badHeaders.isEmpty())
        text += QLatin1Char(' ')
            + tr("Not a \"Name: value\" header, left out: %1.")
                  .arg(badHeaders.join(QStringLiteral(", ")));
    return text;
}

QString TryItPanel::effectsText(const HttpReply &reply)
{
    QStringList parts;
    for (const HttpPlannedPush &push : reply.pushes) {
        parts.append(
            push.delayMs > 0
                ? tr("Push to %1 after %2 ms: %3").arg(push.path).arg(push.delayMs).arg(push.text)
                : tr("Push to %1: %2").arg(push.path, push.text));
    }
    if (reply.webhook) {
        const HttpPlannedWebhook &hook = *reply.webhook;
        const QString heading = hook.sleepMs > 0
            ? tr("Webhook, %1 ms after the response:").arg(hook.sleepMs)
            : tr("Webhook, after the response:");
        const QString startLine
            = QString::fromLatin1(hook.method) + QLatin1Char(' ') + hook.url.toString();
        parts.append(heading + QLatin1Char('\n')
                     + MessageLogModel::httpMessageText(startLine, hook.headers, hook.body, false));
    }
    return parts.join(QLatin1Char('\n'));
}

void TryItPanel::setHttpRequest(const QString &method, const QString &target,
                                const QString &headers, const QString &body)
{
    m_targetTouched = true;
    m_method->setCurrentText(method);
    m_target->setText(target);
    m_headers->setPlainText(headers);
    m_body->setPlainText(body);
    update();
}

void TryItPanel::showHttp()
{
    m_tabs->setCurrentIndex(1);
}

QString TryItPanel::summary() const
{
    return m_summary->text();
}

QStringList TryItPanel::missReasons() const
{
    QStringList lines;
    for (int row = 0; row < m_misses->count(); ++row)
        lines.append(m_misses->item(row)->text());
    return lines;
}

QString TryItPanel::sourceNote() const
{
    return m_source->isHidden() ? QString() : m_source->text();
}

QString TryItPanel::streamText() const
{
    return m_stream->toPlainText();
}

QString TryItPanel::reply() const
{
    return m_reply->toPlainText();
}

QString TryItPanel::greeting() const
{
    return m_greeting->toPlainText();
}

QString TryItPanel::httpSummary() const
{
    return m_httpSummary->text();
}

QString TryItPanel::httpResponse() const
{
    return m_response->toPlainText();
}

QString TryItPanel::httpEffects() const
{
    return m_effects->toPlainText();
}
