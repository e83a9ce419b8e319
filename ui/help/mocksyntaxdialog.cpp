#include "mocksyntaxdialog.h"

#include "protocol.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {
using Entry = MockSyntaxDialog::Entry;

constexpr int EntryRole = Qt::UserRole + 1;
constexpr int SearchRole = Qt::UserRole + 2;

QString yaml(const char *text)
{
    return QString::fromUtf8(text);
}

QList<Entry> websocketEntries()
{
    const QString item = MockSyntaxDialog::tr("websocket item");
    return {
        { QStringLiteral("websocket"), MockSyntaxDialog::tr("top level"),
          MockSyntaxDialog::tr("A WebSocket endpoint: the path clients connect to and how it "
                               "answers."),
          yaml("- websocket:\n    path: /ws/echo\n") },
        { QStringLiteral("path"), item,
          MockSyntaxDialog::tr("The path clients connect to. \":name\" segments capture one "
                               "segment, read as {{path-params.name}}; a literal segment wins "
                               "over a parameter."),
          yaml("    path: /ws/chat/:room\n") },
        { QStringLiteral("subprotocols"), item,
          MockSyntaxDialog::tr("The subprotocols the endpoint accepts, in order of preference; "
                               "the handshake picks one the client asked for."),
          yaml("    subprotocols: [chat.v2, chat.v1]\n") },
        { QStringLiteral("on-connect"), item,
          MockSyntaxDialog::tr("What the server sends as soon as a client connects: a "
                               "response, frames, a delay, recipients, a close."),
          yaml("    on-connect:\n      response: '{\"status\": \"connected\"}'\n") },
        { QStringLiteral("on-message"), item,
          MockSyntaxDialog::tr("The rules, tried in order on each message; the first that "
                               "matches replies. No match, no reply (unless on-unmatched)."),
          yaml("    on-message:\n      - pattern: ping\n        response: pong\n") },
        { QStringLiteral("on-unmatched"), item,
          MockSyntaxDialog::tr("The reply to a message no rule matches: a response, frames, a "
                               "delay, recipients, a close. The message is still logged and "
                               "counted as unmatched."),
          yaml("    on-unmatched:\n      response: '{\"error\": \"unknown message\"}'\n") },
        { QStringLiteral("proxy"), item,
          MockSyntaxDialog::tr("A real server (ws:// or wss://, templates allowed) each "
                               "connection is relayed to: what a rule matches gets the mock's "
                               "reply, every other frame goes to it, and what it sends comes "
                               "back."),
          yaml("    proxy: wss://real.example/ws/user/{{path-params.username}}\n") },
        { QStringLiteral("proxy-insecure"), item,
          MockSyntaxDialog::tr("true: any TLS certificate the proxy's server shows is accepted "
                               "(a local server's self-signed one)."),
          yaml("    proxy-insecure: true\n") },
        { QStringLiteral("streams"), item,
          MockSyntaxDialog::tr("Frames the server sends on its own, every interval (at least "
                               "10 ms), with keys every, to, mode and frames."),
          yaml("    streams:\n      - every: 1s\n        frames: ['{\"tick\": {{counter}}}']\n") },
        { QStringLiteral("every"), MockSyntaxDialog::tr("stream"),
          MockSyntaxDialog::tr("How often the stream sends its next frame."),
          yaml("      - every: 500ms\n") },
        { QStringLiteral("mode"), MockSyntaxDialog::tr("stream"),
          MockSyntaxDialog::tr("cycle (the default) repeats the frames; once stops after the "
                               "last."),
          yaml("        mode: once\n") },
    };
}

QList<Entry> ruleEntries()
{
    const QString rule = MockSyntaxDialog::tr("rule");
    const QString reply = MockSyntaxDialog::tr("rule, on-connect or on-unmatched");
    return {
        { QStringLiteral("pattern"), rule,
          MockSyntaxDialog::tr("What a text message must be. A JSON object or array matches a "
                               "message containing those keys and values, with {{...}} "
                               "matching any value; anything else must equal the message or "
                               "be a regular expression matching all of it."),
          yaml("      - pattern: '{\"action\": \"join\", \"room\": "
               "\"{{json-params.room}}\"}'\n") },
        { QStringLiteral("binary"), rule,
          MockSyntaxDialog::tr("Instead of pattern: matches binary messages, any of them or "
                               "those starting with a prefix in hex or base64. In a frame, a "
                               "binary frame to send, in base64."),
          yaml("      - binary: {hex-prefix: \"cafe\"}\n        frames:\n          - binary: "
               "3q2+7w==\n") },
        { QStringLiteral("enabled"), rule,
          MockSyntaxDialog::tr("false switches the rule off: it stays in the config, never "
                               "matches and hides no later rule. true is the default."),
          yaml("        enabled: false\n") },
        { QStringLiteral("response"), reply,
          MockSyntaxDialog::tr("The reply, a template. A YAML map or list is sent as JSON "
                               "text."),
          yaml("        response: '{\"echo\": \"{{json-params.text}}\"}'\n") },
        { QStringLiteral("frames"), reply,
          MockSyntaxDialog::tr("Several frames for one event, each text or binary, each "
                               "after its own delay from the previous one."),
          yaml("        frames:\n          - hello\n          - response: ready\n"
               "            delay: 500ms\n") },
        { QStringLiteral("delay"), reply,
          MockSyntaxDialog::tr("Wait before sending: fixed (250ms, 1.5s) or drawn from a "
                               "range (100ms..300ms)."),
          yaml("        delay: 100ms..300ms\n") },
        { QStringLiteral("to"), reply,
          MockSyntaxDialog::tr("Who gets the reply: sender (the default), endpoint (every "
                               "connection of the endpoint) or others (all but the sender). "
                               "For a stream: each (one per connection) or all."),
          yaml("        to: others\n") },
        { QStringLiteral("close"), reply,
          MockSyntaxDialog::tr("Close the connection after the frames, with a code and a "
                               "reason (close: true or close: 1000 also work)."),
          yaml("        close: {code: 4000, reason: asked to leave}\n") },
    };
}

QList<Entry> conversationEntries()
{
    const QString rule = MockSyntaxDialog::tr("rule");
    return {
        { QStringLiteral("when-state"), rule,
          MockSyntaxDialog::tr("The rule answers only while the connection is in one of these "
                               "states; every connection starts in start."),
          yaml("        when-state: [start, away]\n") },
        { QStringLiteral("set-state"), rule,
          MockSyntaxDialog::tr("The connection's state once the rule has matched."),
          yaml("        set-state: in\n") },
        { QStringLiteral("set"), rule,
          MockSyntaxDialog::tr("Values kept for this connection, read as {{vars.NAME}}; set "
                               "before the rule answers."),
          yaml("        set: {user: '{{json-params.user}}'}\n") },
        { QStringLiteral("set-shared"), rule,
          MockSyntaxDialog::tr("Values kept for every connection of the endpoint, read as "
                               "{{shared.NAME}}."),
          yaml("        set-shared: {market: open}\n") },
        { QStringLiteral("when-shared"), rule,
          MockSyntaxDialog::tr("The rule answers only while the endpoint's shared values are "
                               "these."),
          yaml("        when-shared: {market: open}\n") },
        { QStringLiteral("sequence"), rule,
          MockSyntaxDialog::tr("A different reply on each match: stick on the last or cycle, "
                               "counted per connection or per endpoint."),
          yaml("        sequence:\n          mode: stick\n          replies:\n"
               "            - response: filled\n            - response: rejected\n") },
        { QStringLiteral("start-stream"), rule,
          MockSyntaxDialog::tr("Starts a stream for this connection under a key; its frames see "
                               "the message that started it and {{counter}}; count and final "
                               "end it."),
          yaml("        start-stream:\n          key: '{{json-params.id}}'\n          every: "
               "200ms\n          frames: ['{\"seq\": {{counter}}}']\n") },
        { QStringLiteral("stop-stream"), rule,
          MockSyntaxDialog::tr("Stops the connection's stream with this key."),
          yaml("        stop-stream: '{{json-params.id}}'\n") },
        { QStringLiteral("{{vars.NAME}}"), MockSyntaxDialog::tr("template"),
          MockSyntaxDialog::tr("A value set for this connection; {{shared.NAME}} one of the "
                               "endpoint's, {{state}} the connection's state."),
          yaml("response: 'you are {{vars.user}}'\n") },
    };
}

// What a preset's rule key does, worded from its role in the registry.
QString presetKeyMeaning(const Protocols::RuleKey &key)
{
    const QString command = QString::fromUtf8(key.command);
    switch (key.role) {
    case Protocols::KeyRole::Selector:
        if (key.contains)
            return MockSyntaxDialog::tr("The rule answers a %1 message whose %2 contains this "
                                        "text.")
                .arg(command, QString::fromUtf8(key.field ? key.field : key.name));
        return MockSyntaxDialog::tr("The rule answers a %1 message whose %2 is this.")
            .arg(command, QString::fromUtf8(key.field ? key.field : key.name));
    case Protocols::KeyRole::FramingName:
        return MockSyntaxDialog::tr("The reply goes out as a %1 under this name; the rule's "
                                    "response is its payload.")
            .arg(command);
    case Protocols::KeyRole::FramingResponse:
        return MockSyntaxDialog::tr("The reply, a template, framed as a %1 instead of the "
                                    "preset's usual reply.")
            .arg(command);
    }
    return {};
}

QString presetKeyExample(const Protocols::Preset &preset, const Protocols::RuleKey &key)
{
    const QString value = key.role == Protocols::KeyRole::FramingResponse
        ? QStringLiteral("'{\"message\": \"not found\"}'")
        : QStringLiteral("hello");
    return QStringLiteral("    protocol: %1\n    on-message:\n      - %2: %3\n")
        .arg(QString::fromUtf8(preset.name), QString::fromUtf8(key.name), value);
}

// The presets that have one rule key name, each with its key.
using KeyOwners = QList<std::pair<const Protocols::Preset *, const Protocols::RuleKey *>>;

// A rule key's entry: named by every preset that has it, with each one's meaning (when they
// differ) and example.
Entry presetKeyEntry(const QString &name, const KeyOwners &owners)
{
    QStringList presets, meanings, examples, owned;
    for (const auto &[preset, key] : owners) {
        presets.append(QString::fromUtf8(preset->name));
        meanings.append(presetKeyMeaning(*key));
        examples.append(presetKeyExample(*preset, *key));
        owned.append(presets.constLast() + QStringLiteral(": ") + meanings.constLast());
    }
    meanings.removeDuplicates();
    return { name,
             MockSyntaxDialog::tr("rule of a %1 endpoint").arg(presets.join(QLatin1String(" / "))),
             meanings.size() == 1 ? meanings.first() : owned.join(QLatin1Char(' ')),
             examples.join(QLatin1Char('\n')) };
}

} // namespace

// `protocol:` and every preset's rule keys, from the registry: a preset added there is
// described here without another list to keep.
QList<MockSyntaxDialog::Entry>
MockSyntaxDialog::presetEntries(const QList<const Protocols::Preset *> &presets)
{
    QStringList names;
    for (const Protocols::Preset *preset : presets)
        names.append(QString::fromUtf8(preset->name));
    QList<Entry> entries {
        { QStringLiteral("protocol"), MockSyntaxDialog::tr("websocket item"),
          MockSyntaxDialog::tr("A protocol the endpoint speaks on top of WebSocket (%1): "
                               "Mocket does its handshake, framing and keep-alive, and the "
                               "rules use its own keys.")
              .arg(names.join(QStringLiteral(", "))),
          yaml("    path: /graphql\n    protocol: graphql-ws\n") },
    };
    QList<std::pair<QString, KeyOwners>> keys; // in the order first met
    for (const Protocols::Preset *preset : presets) {
        for (const Protocols::RuleKey &key : preset->ruleKeys) {
            const QString name = QString::fromUtf8(key.name);
            const auto known = std::find_if(keys.begin(), keys.end(),
                                            [&name](const auto &row) { return row.first == name; });
            if (known == keys.end())
                keys.append({ name, { { preset, &key } } });
            else
                known->second.append({ preset, &key });
        }
    }
    for (const auto &[name, owners] : std::as_const(keys))
        entries.append(presetKeyEntry(name, owners));
    return entries;
}

namespace {

QList<Entry> placeholderEntries()
{
    const QString templ = MockSyntaxDialog::tr("template");
    return {
        { QStringLiteral("{{path-params.NAME}}"), templ,
          MockSyntaxDialog::tr("A \":NAME\" segment of the path the client connected to, "
                               "percent-decoded."),
          yaml("response: 'Welcome to {{path-params.room}}'\n") },
        { QStringLiteral("{{query-params.NAME}}"), templ,
          MockSyntaxDialog::tr("A query parameter of the connection's URL."),
          yaml("response: 'token {{query-params.token}}'\n") },
        { QStringLiteral("{{json-params.A.B.0}}"), templ,
          MockSyntaxDialog::tr("A value of the JSON message (or request body): nested keys "
                               "and array indexes, joined by dots."),
          yaml("response: '{\"user\": \"{{json-params.user.name}}\"}'\n") },
        { QStringLiteral("{{message}}"), templ,
          MockSyntaxDialog::tr("The whole message as it came."),
          yaml("response: 'you said {{message}}'\n") },
        { QStringLiteral("{{header-params.NAME}}"), templ,
          MockSyntaxDialog::tr("A header of the handshake (or HTTP request), any case."),
          yaml("response: '{{header-params.user-agent}}'\n") },
        { QStringLiteral("{{regex.NAME}}"), templ,
          MockSyntaxDialog::tr("A named group of a text pattern; {{NAME}} alone works too."),
          yaml("      - pattern: 'say (?<text>.*)'\n        response: '{{text}}'\n") },
        { QStringLiteral("{{connection.id}}"), templ,
          MockSyntaxDialog::tr("The connection's number; {{connection.messages}} counts its "
                               "messages so far."),
          yaml("response: '{\"id\": {{connection.id}}}'\n") },
        { QStringLiteral("{{counter}}"), templ, MockSyntaxDialog::tr("A stream's tick, from 1."),
          yaml("frames: ['{\"tick\": {{counter}}}']\n") },
        { QStringLiteral("{{now}}"), templ,
          MockSyntaxDialog::tr("The time in ISO 8601 UTC; {{now 'HH:mm:ss'}} or {{now "
                               "epoch-ms}} for other forms."),
          yaml("response: '{\"at\": \"{{now}}\"}'\n") },
        { QStringLiteral("{{uuid}}"), templ, MockSyntaxDialog::tr("A new random UUID."),
          yaml("response: '{\"id\": \"{{uuid}}\"}'\n") },
        { QStringLiteral("{{random MIN MAX}}"), templ,
          MockSyntaxDialog::tr("A random whole number from MIN to MAX."),
          yaml("response: '{\"price\": {{random 1 100}}}'\n") },
    };
}

QList<Entry> filterEntries()
{
    const QString filter = MockSyntaxDialog::tr("template filter");
    return {
        { QStringLiteral("| default"), filter,
          MockSyntaxDialog::tr("A value to use when the placeholder is missing or empty."),
          yaml("'{{json-params.name | default anonymous}}'\n") },
        { QStringLiteral("| upper"), filter,
          MockSyntaxDialog::tr("The value in upper case; | lower for lower case."),
          yaml("'{{path-params.room | upper}}'\n") },
        { QStringLiteral("| json"), filter,
          MockSyntaxDialog::tr("The value as JSON, for bare positions in a JSON reply; "
                               "without it a client could add keys of its own."),
          yaml("'{\"name\": {{json-params.name | json}}}'\n") },
    };
}

QList<Entry> httpEntries()
{
    const QString item = MockSyntaxDialog::tr("endpoint item");
    const QString response = MockSyntaxDialog::tr("endpoint response");
    return {
        { QStringLiteral("endpoint"), MockSyntaxDialog::tr("top level"),
          MockSyntaxDialog::tr("An HTTP endpoint, served on the same port as the WebSockets."),
          yaml("- endpoint:\n    method: GET\n    path: /health\n") },
        { QStringLiteral("method"), item,
          MockSyntaxDialog::tr("Any HTTP method, in any case; GET by default."),
          yaml("    method: POST\n") },
        { QStringLiteral("host"), item,
          MockSyntaxDialog::tr("Only requests for this host name (any case, port ignored)."),
          yaml("    host: api.example.test\n") },
        { QStringLiteral("path|type"), item,
          MockSyntaxDialog::tr("A typed path parameter: string, int, float, bool, uuid or "
                               "date; other values are 404."),
          yaml("    path: /users/:id|int\n") },
        { QStringLiteral("query"), item,
          MockSyntaxDialog::tr("Declared query parameters with their types; a wrong type is "
                               "400."),
          yaml("    query: {limit: int}\n") },
        { QStringLiteral("status"), response, MockSyntaxDialog::tr("100 to 599; 200 by default."),
          yaml("    response:\n      status: 201\n") },
        { QStringLiteral("headers"), response,
          MockSyntaxDialog::tr("Response headers; values are templates."),
          yaml("      headers:\n        Content-Type: application/json\n") },
        { QStringLiteral("body"), response,
          MockSyntaxDialog::tr("The response body: a template, or a YAML map or list sent as "
                               "JSON."),
          yaml("      body: '{\"id\": {{path-params.id}}}'\n") },
        { QStringLiteral("external-body"), response,
          MockSyntaxDialog::tr("A body read from a JSON file (relative to the config) or "
                               "fetched from a URL at each request."),
          yaml("      external-body: {provider: json, path: data/{{path-params.id}}.json}\n") },
        { QStringLiteral("rate-limit"), item,
          MockSyntaxDialog::tr("At most max-requests per key in each window; over it, 429."),
          yaml("    rate-limit: {window-ms: 60000, max-requests: 10}\n") },
        { QStringLiteral("webhook"), item,
          MockSyntaxDialog::tr("A request the mock sends after answering, sleep-time seconds "
                               "later, optionally only if a condition holds."),
          yaml("    webhook:\n      url: http://127.0.0.1:9999/hook\n      sleep-time: 0.5\n") },
        { QStringLiteral("push"), item,
          MockSyntaxDialog::tr("Frames sent to WebSocket clients of a path when the endpoint "
                               "is hit."),
          yaml("    push:\n      - path: /ws/orders\n        message: '{\"refresh\": true}'\n") },
    };
}

QString entryPage(const Entry &entry)
{
    return QStringLiteral("<h3><code>%1</code></h3><p><i>%2</i></p><p>%3</p><pre>%4</pre>")
        .arg(entry.key.toHtmlEscaped(), entry.where.toHtmlEscaped(), entry.meaning.toHtmlEscaped(),
             entry.example.toHtmlEscaped());
}
} // namespace

QList<MockSyntaxDialog::Entry> MockSyntaxDialog::entries()
{
    return websocketEntries() + ruleEntries() + conversationEntries()
        + presetEntries(Protocols::presets()) + placeholderEntries() + filterEntries()
        + httpEntries();
}

MockSyntaxDialog::MockSyntaxDialog(QWidget *parent)
    : QDialog(parent)
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_page(new QTextBrowser(this))
    , m_model(new QStandardItemModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_entries(entries())
{
    setWindowTitle(tr("Mock Syntax"));
    for (int row = 0; row < m_entries.size(); ++row) {
        const Entry &entry = m_entries.at(row);
        auto *item = new QStandardItem(entry.key);
        item->setToolTip(entry.where);
        item->setData(row, EntryRole);
        item->setData(QStringList { entry.key, entry.where, entry.meaning, entry.example }.join(
                          QLatin1Char('\n')),
                      SearchRole);
        item->setEditable(false);
        m_model->appendRow(item);
    }
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(SearchRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_list->setModel(m_filter);

    m_search->setPlaceholderText(tr("Search keys, placeholders and examples"));
    m_search->setClearButtonEnabled(true);
    auto *searchLabel = new QLabel(tr("&Search:"), this);
    searchLabel->setBuddy(m_search);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_page);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 220, 480 });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *top = new QHBoxLayout;
    top->addWidget(searchLabel);
    top->addWidget(m_search);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(760, 480);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &MockSyntaxDialog::setSearchText);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                showEntry(current.isValid() ? current.data(EntryRole).toInt() : -1);
            });
    setSearchText({});
}

void MockSyntaxDialog::setSearchText(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    m_filter->setFilterFixedString(text);
    if (m_filter->rowCount() == 0) {
        showEntry(-1);
        return;
    }
    // Show the entry whose key holds the search first, else the first that mentions it.
    int best = 0;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        if (m_filter->index(row, 0).data().toString().contains(text, Qt::CaseInsensitive)) {
            best = row;
            break;
        }
    }
    m_list->setCurrentIndex(m_filter->index(best, 0));
}

QStringList MockSyntaxDialog::visibleKeys() const
{
    QStringList keys;
    for (int row = 0; row < m_filter->rowCount(); ++row)
        keys.append(m_filter->index(row, 0).data().toString());
    return keys;
}

QString MockSyntaxDialog::shownText() const
{
    return m_page->toPlainText();
}

void MockSyntaxDialog::showEntry(int row)
{
    if (row < 0 || row >= m_entries.size()) {
        m_page->setPlainText(tr("Nothing matches \"%1\".").arg(m_search->text()));
        return;
    }
    m_page->setHtml(entryPage(m_entries.at(row)));
}
