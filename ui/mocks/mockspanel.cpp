#include "mockspanel.h"
#include "placeholdercompleter.h"
#include "themeicon.h"

#include "conversationform.h"
#include "formhelpers.h"
#include "formtextedit.h"
#include "httpform.h"
#include "messagepattern.h"
#include "protocol.h"
#include "replyform.h"
#include "sequenceform.h"
#include "specrules.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QScrollArea>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int TypeRole = Qt::UserRole;
constexpr int EndpointRole = Qt::UserRole + 1;
constexpr int RuleRole = Qt::UserRole + 2;

QString oneLine(const QString &text)
{
    QString line = text.simplified();
    if (line.size() > 60)
        line = line.left(59) + QChar(0x2026);
    return line;
}

// `enabled: false`: the loader keeps the rule but never lets it match.
bool isSwitchedOff(const RuleOutline &rule)
{
    const KeyOutline *enabled = findKey(rule.keys, QStringLiteral("enabled"));
    return enabled && enabled->value.text == QLatin1String("false");
}

// An edit of the spec with its endpoint and rule numbers and values bound now, applied later to
// the text and outline as they then are.
template<typename Edit, typename... Args>
SpecEditFunction boundEdit(Edit edit, Args... args)
{
    return [edit, args...](const QString &yaml, const SpecOutline &outline) {
        return edit(yaml, outline, args...);
    };
}

// Lays parts out top to bottom on a form page, the spare room below them.
void stackOnPage(QWidget *page, std::initializer_list<QWidget *> parts)
{
    auto *layout = new QVBoxLayout(page);
    for (QWidget *part : parts)
        layout->addWidget(part);
    layout->addStretch();
}

// Whether the selection is on one of the outline's websocket endpoints (or its greeting or a
// rule).
bool isOnEndpoint(const MocksPanel::Selection &selection, const SpecOutline &outline)
{
    return selection.type != MocksPanel::ItemType::Http && selection.endpoint >= 0
        && selection.endpoint < outline.endpoints.size();
}

bool isOnHttpEndpoint(const MocksPanel::Selection &selection, const SpecOutline &outline)
{
    return selection.type == MocksPanel::ItemType::Http && selection.endpoint >= 0
        && selection.endpoint < outline.httpEndpoints.size();
}

// A path no item of the list uses: base, base-2, base-3, ...
template<typename Items, typename PathOf>
QString unusedPath(const QString &base, const Items &items, PathOf pathOf)
{
    QString path = base;
    for (int suffix = 2;; ++suffix) {
        const bool taken = std::any_of(items.cbegin(), items.cend(),
                                       [&](const auto &item) { return pathOf(item) == path; });
        if (!taken)
            return path;
        path = QStringLiteral("%1-%2").arg(base).arg(suffix);
    }
}

} // namespace

using Forms::setTextUnlessFocused;

namespace {
// A state key as the form shows it: a name, or a list's names joined by ", ".
QString statesText(const KeyOutline *key)
{
    if (!key)
        return {};
    if (key->value.isScalar())
        return key->value.text;
    QStringList names;
    for (const YamlValue &item : key->value.items)
        names.append(item.text);
    return names.join(QStringLiteral(", "));
}

// The form's text as names: split at commas, trimmed, empty ones dropped.
QStringList stateNames(const QString &text)
{
    QStringList names;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &part : parts) {
        if (!part.trimmed().isEmpty())
            names.append(part.trimmed());
    }
    return names;
}

// What to write for the names: none removes the key, one is a scalar, more a flow list.
YamlValue statesValue(const QStringList &names)
{
    if (names.size() < 2)
        return names.isEmpty() ? YamlValue() : YamlValue::scalar(names.first());
    QList<YamlValue> items;
    for (const QString &name : names)
        items.append(YamlValue::scalar(name));
    return YamlValue::list(items, true);
}

MocksPanel::MatchKind matchKindOf(const RuleOutline &rule, QString *prefix)
{
    const KeyOutline *binary = findKey(rule.keys, QStringLiteral("binary"));
    prefix->clear();
    if (!binary)
        return MocksPanel::MatchKind::Pattern;
    if (const YamlValue *hex = binary->value.value(QStringLiteral("hex-prefix"))) {
        *prefix = hex->text;
        return MocksPanel::MatchKind::HexPrefix;
    }
    if (const YamlValue *base64 = binary->value.value(QStringLiteral("base64-prefix"))) {
        *prefix = base64->text;
        return MocksPanel::MatchKind::Base64Prefix;
    }
    return MocksPanel::MatchKind::AnyBinary;
}

// The fallback reply's text (empty when there is none); false when on-unmatched holds more
// than a text response, which the form leaves to the editor.
bool fallbackOf(const EndpointOutline &endpoint, QString *text)
{
    text->clear();
    const KeyOutline *key = findKey(endpoint.keys, QStringLiteral("on-unmatched"));
    if (!key)
        return true;
    const YamlValue &value = key->value;
    const bool plain = value.kind == YamlValue::Kind::Map && value.keys.size() == 1
        && value.keys.first() == QLatin1String("response")
        && value.items.first().kind == YamlValue::Kind::Scalar;
    if (plain)
        *text = value.items.first().text;
    return plain;
}

QStringList subprotocolsOf(const EndpointOutline &endpoint)
{
    const KeyOutline *key = findKey(endpoint.keys, QStringLiteral("subprotocols"));
    QStringList names;
    if (key && key->value.isScalar())
        names.append(key->value.text);
    else if (key)
        for (const YamlValue &item : key->value.items)
            names.append(item.text);
    return names;
}

QString protocolOf(const EndpointOutline &endpoint)
{
    const KeyOutline *key = findKey(endpoint.keys, QStringLiteral("protocol"));
    return key ? key->value.text : QString();
}

// The Protocol field's choice for `protocol: NAME`; a name no preset has stays as written,
// as an extra choice, so that showing it does not change it.
void showProtocol(QComboBox *field, const QString &name)
{
    const int presets = 1 + int(Protocols::presets().size());
    while (field->count() > presets)
        field->removeItem(field->count() - 1);
    int index = field->findData(name);
    if (index < 0) {
        field->addItem(name, name);
        index = field->count() - 1;
    }
    field->setCurrentIndex(index);
}

QStringList splitNames(const QString &text)
{
    QStringList names;
    for (const QString &part : text.split(QLatin1Char(','))) {
        if (SpecRules::isSubprotocolName(part.trimmed()))
            names.append(part.trimmed());
    }
    return names;
}
} // namespace

using Place = Placeholders::Place;

// "pong", "3 frames", with the delay, audience and close when there are.
QString MocksPanel::replySummary(const QList<KeyOutline> &keys)
{
    QString text;
    if (const KeyOutline *sequence = findKey(keys, QStringLiteral("sequence"))) {
        const YamlValue *replies = sequence->value.value(QStringLiteral("replies"));
        text = tr("a sequence of %n answer(s)", nullptr, replies ? int(replies->items.size()) : 0);
    } else if (const KeyOutline *frames = findKey(keys, QStringLiteral("frames")))
        text = tr("%n frame(s)", nullptr, int(frames->value.items.size()));
    else if (const KeyOutline *response = findKey(keys, QStringLiteral("response")))
        text = oneLine(response->value.toJson());
    QStringList extras;
    if (const KeyOutline *delay = findKey(keys, QStringLiteral("delay")))
        extras << tr("after %1").arg(delay->value.text);
    if (const KeyOutline *to = findKey(keys, QStringLiteral("to"))) {
        if (to->value.text == QLatin1String("others"))
            extras << tr("to the others");
        else if (to->value.text == QLatin1String("endpoint")
                 || to->value.text == QLatin1String("all"))
            extras << tr("to the whole endpoint");
    }
    if (findKey(keys, QStringLiteral("close")))
        extras << tr("then close");
    if (!extras.isEmpty())
        text += QStringLiteral(" (") + extras.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

MocksPanel::MocksPanel(QWidget *parent) : QWidget(parent)
{
    qRegisterMetaType<MocksPanel::Selection>();
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);

    m_addEndpoint = Forms::toolButton(QStringLiteral("list-add"), tr("Add endpoint"), this);
    m_addRule = Forms::toolButton(QStringLiteral("mail-send"), tr("Add rule"), this);
    m_addRule->setIcon(themeIcon(QStringLiteral("list-add")));
    m_addRule->setText(tr("Rule"));
    m_addRule->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_remove = Forms::toolButton(QStringLiteral("list-remove"), tr("Remove"), this);
    m_duplicate = Forms::toolButton(QStringLiteral("edit-copy"), tr("Duplicate"), this);
    m_up = Forms::toolButton(QStringLiteral("go-up"), tr("Move up"), this);
    m_down = Forms::toolButton(QStringLiteral("go-down"), tr("Move down"), this);
    m_addEndpoint->setText(tr("Endpoint"));
    m_addEndpoint->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // Two kinds of endpoint: the button asks which one.
    auto *addMenu = new QMenu(m_addEndpoint);
    addMenu->addAction(tr("WebSocket endpoint"), this, &MocksPanel::addEndpoint);
    addMenu->addAction(tr("HTTP endpoint"), this, &MocksPanel::addHttpEndpoint);
    m_addEndpoint->setMenu(addMenu);
    m_addEndpoint->setPopupMode(QToolButton::InstantPopup);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    for (QToolButton *button : { m_addEndpoint, m_addRule, m_remove, m_duplicate, m_up, m_down }) {
        buttons->addWidget(button);
        m_buttonTips.append({ button, button->toolTip() });
    }
    buttons->addStretch();
    m_staleBanner = new QLabel(this);
    m_staleBanner->setWordWrap(true);
    m_staleBanner->setStyleSheet(
        QStringLiteral("background: #fef3c7; color: #92400e; padding: 4px"));
    m_staleBanner->hide();

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    // Endpoint form
    auto *endpointPage = new QWidget(this);
    m_endpointTitle = new QLabel(endpointPage);
    m_path = new QLineEdit(endpointPage);
    m_path->setFont(fixed);
    m_path->setPlaceholderText(tr("/ws/chat/:room"));
    m_path->setToolTip(
        tr("path — the URL path; :name segments capture a value for {{path-params.name}}"));
    auto *greeting = new FormTextEdit(endpointPage);
    m_greeting = greeting;
    m_greeting->setFont(fixed);
    m_greeting->setTabChangesFocus(true);
    m_greeting->setPlaceholderText(tr("Sent when a client connects (empty: no greeting)"));
    m_greeting->setMaximumHeight(90);
    m_greeting->setToolTip(tr("on-connect: response — sent to each client that connects; {{ or "
                              "Ctrl+Space offers placeholders"));
    auto *fallback = new FormTextEdit(endpointPage);
    m_fallback = fallback;
    m_fallback->setObjectName(QStringLiteral("fallbackReply"));
    m_fallback->setFont(fixed);
    m_fallback->setTabChangesFocus(true);
    m_fallback->setMaximumHeight(60);
    m_fallback->setToolTip(
        tr("on-unmatched: response — sent when no rule matches a message, text or binary (the "
           "message still counts as unmatched); empty: no reply. {{message}} is the message"));
    auto *fallbackPlaceholders = new PlaceholderCompleter(m_fallback, [this] {
        const EndpointOutline *endpoint = shownEndpoint();
        return Placeholders::forReply(endpoint ? endpoint->pathValue : QString(), Place::Rule);
    });
    m_subprotocols = new QLineEdit(endpointPage);
    m_subprotocols->setFont(fixed);
    m_subprotocols->setPlaceholderText(tr("none (e.g. chat.v2, chat.v1)"));
    m_subprotocols->setToolTip(
        tr("subprotocols — the subprotocols this endpoint accepts, in order of preference, "
           "separated by commas"));
    m_protocol = new QComboBox(endpointPage);
    m_protocol->setObjectName(QStringLiteral("protocol"));
    m_protocol->addItem(tr("none"), QString());
    for (const Protocols::Preset *preset : Protocols::presets())
        m_protocol->addItem(QString::fromUtf8(preset->name), QString::fromUtf8(preset->name));
    m_protocol->setToolTip(tr("protocol — a protocol this endpoint speaks on top of WebSocket: "
                              "Mocket does its handshake, framing and keep-alive, and the rules "
                              "select on its terms"));
    m_streams = new StreamsEditor(endpointPage);
    placeholdersFor(m_streams->framesField(), Place::Stream);
    auto *endpointForm = new QFormLayout;
    endpointForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    endpointForm->addRow(m_endpointTitle);
    endpointForm->addRow(tr("P&ath:"), m_path);
    auto *greetingLabel = new QLabel(tr("Greet&ing:"), endpointPage);
    greetingLabel->setBuddy(m_greeting);
    endpointForm->addRow(greetingLabel,
                         Forms::withPlaceholderButton(m_greeting,
                                                      placeholdersFor(m_greeting, Place::Greeting),
                                                      endpointPage));
    endpointForm->addRow(tr("&Protocol:"), m_protocol);
    endpointForm->addRow(tr("Subprot&ocols:"), m_subprotocols);
    endpointForm->addRow(
        tr("Fallback:"),
        Forms::withPlaceholderButton(m_fallback, fallbackPlaceholders, endpointPage));
    auto *streamsBox = new QGroupBox(tr("Streams: frames sent on a timer"), endpointPage);
    auto *streamsLayout = new QVBoxLayout(streamsBox);
    streamsLayout->addWidget(m_streams);
    auto *endpointLayout = new QVBoxLayout(endpointPage);
    endpointLayout->addLayout(endpointForm);
    endpointLayout->addWidget(streamsBox);
    endpointLayout->addStretch();

    // Greeting (on-connect) form
    auto *greetingPage = new QWidget(this);
    m_greetingTitle = new QLabel(greetingPage);
    m_greetingReply = new ReplyForm(true, greetingPage);
    m_greetingReply->setPlaceholderSource([this] { return placeholders(Place::Greeting); });
    stackOnPage(greetingPage, { m_greetingTitle, m_greetingReply });

    // Rule form
    auto *rulePage = new QWidget(this);
    m_ruleTitle = new QLabel(rulePage);
    m_matchKind = new QComboBox(rulePage);
    m_matchKind->addItems({ tr("Text messages matching a pattern"), tr("Any binary message"),
                            tr("Binary messages starting with (hex)"),
                            tr("Binary messages starting with (base64)") });
    m_matchKind->setToolTip(tr("pattern for text messages; binary: any, hex-prefix or "
                               "base64-prefix for binary ones"));
    auto *pattern = new FormTextEdit(rulePage);
    m_pattern = pattern;
    m_pattern->setFont(fixed);
    m_pattern->setTabChangesFocus(true);
    m_pattern->setMaximumHeight(80);
    m_pattern->setToolTip(tr("pattern — exact text, a regex matching the whole message, or JSON "
                             "whose {{…}} placeholders match any value"));
    m_kind = new QLabel(rulePage);
    m_kind->setWordWrap(true);
    m_binaryPrefix = new QLineEdit(rulePage);
    m_binaryPrefix->setFont(fixed);
    m_binaryPrefix->setToolTip(
        tr("hex-prefix or base64-prefix — the bytes a binary message must start with"));
    m_matchProblem = new QLabel(rulePage);
    m_matchProblem->setWordWrap(true);
    m_matchProblem->setStyleSheet(QStringLiteral("color: #b91c1c"));
    m_matchProblem->hide();
    auto *matchBox = new QGroupBox(tr("When a message arrives"), rulePage);
    auto *matchForm = new QFormLayout(matchBox);
    m_matchForm = matchForm;
    matchForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    matchForm->addRow(tr("&Match:"), m_matchKind);
    matchForm->addRow(tr("&Pattern:"), m_pattern);
    matchForm->addRow(tr("Kind:"), m_kind);
    matchForm->addRow(tr("Prefi&x:"), m_binaryPrefix);
    matchForm->addRow(m_matchProblem);
    m_whenState = new QLineEdit(rulePage);
    m_whenState->setObjectName(QStringLiteral("whenState"));
    m_whenState->setPlaceholderText(tr("any state"));
    m_whenState->setToolTip(tr("when-state — the rule answers only in these states (names "
                               "separated by commas)"));
    m_setState = new QLineEdit(rulePage);
    m_setState->setObjectName(QStringLiteral("setState"));
    m_setState->setPlaceholderText(tr("unchanged"));
    m_setState->setToolTip(tr("set-state — the connection's state once the rule has matched"));
    matchForm->addRow(tr("In states:"), m_whenState);
    matchForm->addRow(tr("Then state:"), m_setState);
    m_conversation = new ConversationFields(matchForm, rulePage);
    m_ruleEnabled = new QCheckBox(tr("En&abled"), matchBox);
    m_ruleEnabled->setToolTip(
        tr("enabled — a switched-off rule stays in the config and never answers"));
    matchForm->addRow(m_ruleEnabled);
    m_ruleReply = new ReplyForm(false, rulePage);
    m_ruleReply->setPlaceholderSource([this] { return placeholders(Place::Rule); });
    auto *replyBox = new QGroupBox(tr("Reply"), rulePage);
    auto *replyLayout = new QVBoxLayout(replyBox);
    m_sequence = new SequenceForm(replyBox);
    replyLayout->addWidget(m_sequence);
    replyLayout->addWidget(m_ruleReply);
    stackOnPage(rulePage, { m_ruleTitle, matchBox, replyBox, m_conversation->streamsBox() });

    // HTTP endpoint form
    auto *httpPage = new QWidget(this);
    m_httpForm = new HttpEndpointForm(httpPage);
    placeholdersFor(m_httpForm->bodyField(), Place::Http);
    stackOnPage(httpPage, { m_httpForm });

    auto *hint = new QLabel(tr("Select an endpoint or a rule to edit it here, or add one."), this);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    m_forms = new QStackedWidget(this);
    m_forms->addWidget(hint);
    for (QWidget *page : { endpointPage, rulePage, greetingPage, httpPage }) {
        // Long forms scroll instead of squeezing the tree.
        auto *scroll = new QScrollArea(this);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(page);
        m_forms->addWidget(scroll);
    }

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(m_forms);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setSizes({ 200, 400 }); // the forms need the room more than the tree
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_staleBanner);
    layout->addWidget(split, 1);

    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(600);
    connect(&m_commitTimer, &QTimer::timeout, this, &MocksPanel::commitForms);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &MocksPanel::onSelectionChanged);
    connect(m_path, &QLineEdit::editingFinished, this, &MocksPanel::commitPath);
    for (FormTextEdit *edit : { greeting, pattern, fallback }) {
        connect(edit, &QPlainTextEdit::textChanged, this, [this] {
            if (!m_rebuilding)
                m_commitTimer.start();
        });
        edit->onFocusOut = [this] { commitForms(); };
    }
    connect(m_pattern, &QPlainTextEdit::textChanged, this, &MocksPanel::updateKind);
    auto typing = [this] {
        if (!m_rebuilding)
            m_commitTimer.start();
    };
    auto chosen = [this] {
        if (!m_rebuilding)
            commitForms();
    };
    for (QLineEdit *field : { m_whenState, m_setState }) {
        connect(field, &QLineEdit::textEdited, this, typing);
        connect(field, &QLineEdit::editingFinished, this, chosen);
    }
    for (ReplyForm *form : { m_ruleReply, m_greetingReply }) {
        connect(form, &ReplyForm::typing, this, typing);
        connect(form, &ReplyForm::committed, this, chosen);
    }
    connect(m_sequence, &SequenceForm::committed, this, chosen);
    connect(m_sequence, &SequenceForm::aboutToEdit, this, &MocksPanel::commitForms);
    connect(m_sequence, &SequenceForm::replyShown, this, &MocksPanel::showSequenceReply);
    connect(m_sequence, &SequenceForm::replyChosen, this, [this](int row) {
        commitForms(); // the reply shown until now goes in first
        m_sequence->setCurrent(row);
        showSequenceReply();
    });
    connect(m_conversation, &ConversationFields::typing, this, typing);
    connect(m_conversation, &ConversationFields::committed, this, chosen);
    connect(m_httpForm, &HttpEndpointForm::typing, this, typing);
    connect(m_httpForm, &HttpEndpointForm::committed, this, chosen);
    connect(m_streams, &StreamsEditor::typing, this, typing);
    connect(m_streams, &StreamsEditor::committed, this, chosen);
    connect(m_subprotocols, &QLineEdit::textEdited, this, typing);
    connect(m_subprotocols, &QLineEdit::editingFinished, this, chosen);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_matchKind, &QComboBox::currentIndexChanged, this, [this, chosen] {
        updateMatch();
        chosen();
    });
    connect(m_binaryPrefix, &QLineEdit::textEdited, this, [this, typing] {
        updateMatch();
        typing();
    });
    connect(m_binaryPrefix, &QLineEdit::editingFinished, this, chosen);
    connect(m_ruleEnabled, &QCheckBox::toggled, this, chosen);
    connect(m_addRule, &QToolButton::clicked, this, &MocksPanel::addRule);
    connect(m_remove, &QToolButton::clicked, this, &MocksPanel::removeSelected);
    connect(m_duplicate, &QToolButton::clicked, this, &MocksPanel::duplicateSelected);
    connect(m_up, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveSelected(+1); });
    updateButtons();
}

void MocksPanel::setOutline(const SpecOutline &outline)
{
    if (outline.ok() || !m_outline.ok()) {
        m_outline = outline;
        const Selection keep = selection();
        rebuildTree();
        select(keep);
        showForms();
    }
    showStale(outline);
}

void MocksPanel::forgetOutline()
{
    m_outline = SpecOutline();
    setOutline(m_outline);
}

// Forms edit the text through its outline: with none to be had, they wait, and say why.
void MocksPanel::showStale(const SpecOutline &current)
{
    const bool stale = !current.ok();
    const QString line
        = current.errorLine() > 0 ? QString::number(current.errorLine()) : QStringLiteral("?");
    m_staleBanner->setText(
        !stale ? QString()
            : m_outline.ok()
            ? tr("Showing the last valid file; fix the YAML syntax on line %1 to "
                 "edit here.")
                  .arg(line)
            : tr("The YAML has a syntax error on line %1: fix it to edit here.").arg(line));
    m_staleBanner->setVisible(stale);
    if (stale)
        m_commitTimer.stop();
    m_tree->setEnabled(!stale);
    m_forms->setEnabled(!stale);
    updateButtons();
}

QString MocksPanel::staleText() const
{
    return m_staleBanner->isHidden() ? QString() : m_staleBanner->text();
}

void MocksPanel::rebuildTree()
{
    m_rebuilding = true;
    m_tree->clear();
    // Websocket and HTTP items in file order, as the YAML lists them.
    int websocket = 0;
    int http = 0;
    const auto websockets = int(m_outline.endpoints.size());
    const auto https = int(m_outline.httpEndpoints.size());
    while (websocket < websockets || http < https) {
        const bool httpFirst = http < https
            && (websocket == websockets
                || m_outline.httpEndpoints.at(http).itemIndex
                    < m_outline.endpoints.at(websocket).itemIndex);
        if (httpFirst)
            addHttpRow(http++);
        else
            addWebSocketRow(websocket++);
    }
    m_rebuilding = false;
}

void MocksPanel::addHttpRow(int httpIndex)
{
    const HttpEndpointOutline &endpoint = m_outline.httpEndpoints.at(httpIndex);
    auto *item = new QTreeWidgetItem(m_tree);
    item->setText(0, endpoint.label());
    item->setData(0, TypeRole, int(ItemType::Http));
    item->setData(0, EndpointRole, httpIndex);
    item->setToolTip(0, tr("HTTP endpoint · line %1").arg(endpoint.line));
}

void MocksPanel::addWebSocketRow(int endpointIndex)
{
    const EndpointOutline &endpoint = m_outline.endpoints.at(endpointIndex);
    auto *item = new QTreeWidgetItem(m_tree);
    item->setText(0, endpoint.pathValue.isEmpty() ? tr("(no path)") : endpoint.pathValue);
    item->setData(0, TypeRole, int(ItemType::Endpoint));
    item->setData(0, EndpointRole, endpointIndex);
    item->setToolTip(0, tr("Line %1").arg(endpoint.line));
    if (endpoint.hasGreeting || !endpoint.onConnectKeys.isEmpty()) {
        auto *greeting = new QTreeWidgetItem(item);
        greeting->setText(0, tr("on-connect: %1").arg(replySummary(endpoint.onConnectKeys)));
        greeting->setData(0, TypeRole, int(ItemType::Greeting));
        greeting->setData(0, EndpointRole, endpointIndex);
    }
    for (int ruleIndex = 0; ruleIndex < endpoint.rules.size(); ++ruleIndex) {
        const RuleOutline &rule = endpoint.rules.at(ruleIndex);
        auto *child = new QTreeWidgetItem(item);
        const KeyOutline *binary = findKey(rule.keys, QStringLiteral("binary"));
        if (binary) {
            QString prefix;
            const MatchKind kind = matchKindOf(rule, &prefix);
            const QString match = kind == MatchKind::HexPrefix
                ? tr("binary starting %1 (hex)").arg(oneLine(prefix))
                : kind == MatchKind::Base64Prefix
                ? tr("binary starting %1 (base64)").arg(oneLine(prefix))
                : tr("any binary");
            child->setText(0, tr("%1 → %2").arg(match, replySummary(rule.keys)));
            child->setToolTip(
                0, tr("on-message[%1] · binary messages · line %2").arg(ruleIndex).arg(rule.line));
        } else {
            const MessagePattern compiled = MessagePattern::compile(rule.patternValue);
            child->setText(0,
                           tr("%1 → %2").arg(oneLine(rule.patternValue), replySummary(rule.keys)));
            child->setToolTip(0,
                              tr("on-message[%1] · %2 pattern · line %3")
                                  .arg(ruleIndex)
                                  .arg(compiled.kindName())
                                  .arg(rule.line));
        }
        if (isSwitchedOff(rule)) {
            child->setForeground(0, m_tree->palette().brush(QPalette::Disabled, QPalette::Text));
            child->setToolTip(0, child->toolTip(0) + tr(" · switched off (enabled: false)"));
        }
        child->setData(0, TypeRole, int(ItemType::Rule));
        child->setData(0, EndpointRole, endpointIndex);
        child->setData(0, RuleRole, ruleIndex);
    }
    item->setExpanded(true);
}

MocksPanel::Selection MocksPanel::selection() const
{
    Selection result;
    const QList<QTreeWidgetItem *> items = m_tree->selectedItems();
    if (items.isEmpty())
        return result;
    QTreeWidgetItem *item = items.first();
    result.type = ItemType(item->data(0, TypeRole).toInt());
    result.endpoint = item->data(0, EndpointRole).toInt();
    result.rule = result.type == ItemType::Rule ? item->data(0, RuleRole).toInt() : -1;
    return result;
}

void MocksPanel::select(const Selection &selection)
{
    m_rebuilding = true;
    QTreeWidgetItem *target = topLevelRow(selection);
    if (QTreeWidgetItem *endpoint = target) {
        for (int childIndex = 0; childIndex < endpoint->childCount(); ++childIndex) {
            QTreeWidgetItem *child = endpoint->child(childIndex);
            const auto type = ItemType(child->data(0, TypeRole).toInt());
            if (type == selection.type
                && (type == ItemType::Greeting
                    || child->data(0, RuleRole).toInt() == selection.rule))
                target = child;
        }
    }
    m_tree->clearSelection();
    if (target) {
        target->setSelected(true);
        m_tree->setCurrentItem(target);
        m_tree->scrollToItem(target);
    }
    m_rebuilding = false;
    showForms();
    updateButtons();
}

QTreeWidgetItem *MocksPanel::topLevelRow(const Selection &selection) const
{
    const bool http = selection.type == ItemType::Http;
    const int count = m_tree->topLevelItemCount();
    if (selection.endpoint < 0 || count == 0)
        return nullptr;
    // The row of that kind and number, else the last one of that kind (its item was removed).
    QTreeWidgetItem *last = nullptr;
    for (int row = 0; row < count; ++row) {
        QTreeWidgetItem *item = m_tree->topLevelItem(row);
        if ((ItemType(item->data(0, TypeRole).toInt()) == ItemType::Http) != http)
            continue;
        last = item;
        if (item->data(0, EndpointRole).toInt() == selection.endpoint)
            return item;
    }
    return last ? last : m_tree->topLevelItem(count - 1);
}

void MocksPanel::onSelectionChanged()
{
    if (m_rebuilding)
        return;
    commitForms();
    showForms();
    updateButtons();
    revealSelection();
}

void MocksPanel::revealSelection()
{
    const Selection chosen = selection();
    if (isOnHttpEndpoint(chosen, m_outline))
        emit lineSelected(m_outline.httpEndpoints.at(chosen.endpoint).line);
    if (!isOnEndpoint(chosen, m_outline))
        return;
    const EndpointOutline &endpoint = m_outline.endpoints.at(chosen.endpoint);
    if (chosen.type == ItemType::Rule && chosen.rule < endpoint.rules.size())
        emit lineSelected(endpoint.rules.at(chosen.rule).line);
    else
        emit lineSelected(endpoint.line);
}

void MocksPanel::showForms()
{
    const Selection chosen = selection();
    const Selection before = m_shown;
    m_shown = chosen;
    if (isOnHttpEndpoint(chosen, m_outline)) {
        m_rebuilding = true;
        m_httpForm->load(m_outline.httpEndpoints.at(chosen.endpoint));
        m_forms->setCurrentIndex(4);
        m_rebuilding = false;
        return;
    }
    if (!isOnEndpoint(chosen, m_outline)) {
        m_shown = Selection();
        m_forms->setCurrentIndex(0);
        return;
    }
    m_rebuilding = true;
    const EndpointOutline &endpoint = m_outline.endpoints.at(chosen.endpoint);
    if (chosen.type == ItemType::Rule && chosen.rule >= 0 && chosen.rule < endpoint.rules.size()) {
        showRuleForm(endpoint, before);
    } else if (chosen.type == ItemType::Greeting) {
        m_greetingTitle->setText(
            tr("<b>%1</b> · on-connect").arg(endpoint.pathValue.toHtmlEscaped()));
        m_greetingReply->setPreset(protocolOf(endpoint));
        m_greetingReply->load(endpoint.onConnectKeys);
        m_forms->setCurrentIndex(3);
    } else {
        m_shown.type = ItemType::Endpoint;
        showEndpointForm(endpoint);
    }
    m_rebuilding = false;
    updateKind();
    updateMatch();
}

// The rule m_shown names; before is the item shown until now.
void MocksPanel::showRuleForm(const EndpointOutline &endpoint, const Selection &before)
{
    const RuleOutline &rule = endpoint.rules.at(m_shown.rule);
    m_ruleTitle->setText(
        tr("<b>%1</b> · on-message[%2]").arg(endpoint.pathValue.toHtmlEscaped()).arg(m_shown.rule));
    QString prefix;
    const MatchKind fileKind = matchKindOf(rule, &prefix);
    // A binary prefix kind just chosen has nothing to write until its prefix is typed:
    // while the same rule stays shown, another edit does not take the choice back.
    const bool unfinished = before.type == ItemType::Rule && before.endpoint == m_shown.endpoint
        && before.rule == m_shown.rule && MatchKind(m_matchKind->currentIndex()) != fileKind
        && !matchProblem().isEmpty();
    if (!unfinished) {
        m_matchKind->setCurrentIndex(int(fileKind));
        if (!m_binaryPrefix->hasFocus() && m_binaryPrefix->text() != prefix)
            m_binaryPrefix->setText(prefix);
    }
    setTextUnlessFocused(m_pattern, rule.patternValue);
    showSelectors(endpoint, rule);
    setTextUnlessFocused(m_whenState, statesText(findKey(rule.keys, QStringLiteral("when-state"))));
    setTextUnlessFocused(m_setState, statesText(findKey(rule.keys, QStringLiteral("set-state"))));
    {
        const QSignalBlocker quiet(m_ruleEnabled);
        m_ruleEnabled->setChecked(!isSwitchedOff(rule));
    }
    m_ruleReply->setPreset(protocolOf(endpoint));
    if (before.type != ItemType::Rule || before.endpoint != m_shown.endpoint
        || before.rule != m_shown.rule)
        m_sequence->setCurrent(0);
    m_sequence->load(findKey(rule.keys, QStringLiteral("sequence")));
    m_ruleReply->load(m_sequence->isSequence() ? m_sequence->currentKeys() : rule.keys);
    const Protocols::Preset *preset = Protocols::presetNamed(protocolOf(endpoint));
    m_conversation->load(rule.keys, preset ? QString::fromLatin1(preset->streamKey) : QString());
    m_forms->setCurrentIndex(2);
}

void MocksPanel::showEndpointForm(const EndpointOutline &endpoint)
{
    m_endpointTitle->setText(tr("<b>Endpoint</b> · line %1").arg(endpoint.line));
    if (!m_path->hasFocus() && m_path->text() != endpoint.pathValue)
        m_path->setText(endpoint.pathValue);
    // Frames, or only a close: the on-connect item has the form for those.
    const bool plainGreeting = endpoint.hasGreeting || endpoint.onConnectKeys.isEmpty();
    m_greeting->setReadOnly(!plainGreeting
                            || findKey(endpoint.onConnectKeys, QStringLiteral("frames")));
    m_greeting->setPlaceholderText(
        m_greeting->isReadOnly()
            ? tr("on-connect sends more than a text: select on-connect above to edit it")
            : tr("Sent when a client connects (empty: no greeting)"));
    setTextUnlessFocused(m_greeting, endpoint.hasGreeting ? endpoint.greetingValue : QString());
    QString fallbackText;
    const bool plainFallback = fallbackOf(endpoint, &fallbackText);
    m_fallback->setReadOnly(!plainFallback);
    m_fallback->setPlaceholderText(
        plainFallback ? tr("Sent when no rule matches; empty: none")
                      : tr("on-unmatched does more than answer with a text: edit it in the YAML"));
    setTextUnlessFocused(m_fallback, fallbackText);
    const QString names = subprotocolsOf(endpoint).join(QStringLiteral(", "));
    if (!m_subprotocols->hasFocus() && splitNames(m_subprotocols->text()) != splitNames(names))
        m_subprotocols->setText(names);
    showProtocol(m_protocol, protocolOf(endpoint));
    QList<StreamRow> streams;
    const KeyOutline *streamsKey = findKey(endpoint.keys, QStringLiteral("streams"));
    const bool shown = !streamsKey || streamsFromValue(streamsKey->value, &streams);
    m_streams->setEditable(shown);
    m_streams->setRows(streams);
    m_forms->setCurrentIndex(1);
}

QList<Placeholder> MocksPanel::placeholders(Placeholders::Place place) const
{
    if (place == Place::Http)
        return Placeholders::forReply(m_httpForm->pathField()->text(), place);
    const EndpointOutline *endpoint = shownEndpoint();
    const QString path = endpoint ? endpoint->pathValue : QString();
    return Placeholders::forReply(path, place,
                                  place == Place::Rule ? m_pattern->toPlainText() : QString());
}

PlaceholderCompleter *MocksPanel::placeholdersFor(QPlainTextEdit *field, Placeholders::Place place)
{
    return new PlaceholderCompleter(field, [this, place] { return placeholders(place); });
}

QPlainTextEdit *MocksPanel::responseField() const
{
    return m_ruleReply->responseField();
}

QString MocksPanel::patternKindText() const
{
    return m_kind->text();
}

void MocksPanel::updateKind()
{
    const MessagePattern pattern = MessagePattern::compile(m_pattern->toPlainText());
    QString text;
    if (pattern.kind() == MessagePattern::Kind::Json)
        text = tr(
            "JSON: matches JSON messages holding these keys and values; {{…}} matches any value");
    else if (pattern.isRegex())
        text = tr(
            "Regex: matches the exact text, or any message the regular expression matches in full");
    else if (!pattern.regexError().isEmpty())
        text = tr("Text: matches exactly this text (not a valid regular expression: %1)")
                   .arg(pattern.regexError());
    else
        text = tr("Text: matches exactly this message");
    // What the pattern binds, for the reply: "JSON pattern: binds json-params.user".
    m_kind->setText(text + u'\n' + Placeholders::binding(m_pattern->toPlainText()));
}

QString MocksPanel::matchProblem() const
{
    const auto kind = MatchKind(m_matchKind->currentIndex());
    const QString text = m_binaryPrefix->text();
    if (kind == MatchKind::HexPrefix && !SpecRules::hexPrefix(text))
        return tr("The prefix is pairs of hex digits, such as cafe");
    if (kind == MatchKind::Base64Prefix && !SpecRules::base64Prefix(text.trimmed()))
        return tr("The prefix is base64 text, such as yv4=");
    return QString();
}

void MocksPanel::updateMatch()
{
    const auto kind = MatchKind(m_matchKind->currentIndex());
    auto *form = qobject_cast<QFormLayout *>(m_matchKind->parentWidget()->layout());
    if (form) {
        form->setRowVisible(m_pattern, kind == MatchKind::Pattern);
        form->setRowVisible(m_kind, kind == MatchKind::Pattern);
        form->setRowVisible(m_binaryPrefix,
                            kind == MatchKind::HexPrefix || kind == MatchKind::Base64Prefix);
    }
    m_binaryPrefix->setPlaceholderText(kind == MatchKind::HexPrefix ? tr("e.g. cafe")
                                                                    : tr("e.g. yv4="));
    const QString problem = matchProblem();
    Forms::showProblem(m_matchProblem, problem);
}

const EndpointOutline *MocksPanel::shownEndpoint() const
{
    if (m_shown.endpoint < 0 || m_shown.endpoint >= m_outline.endpoints.size())
        return nullptr;
    return &m_outline.endpoints.at(m_shown.endpoint);
}

const RuleOutline *MocksPanel::shownRule() const
{
    const EndpointOutline *endpoint = shownEndpoint();
    if (!endpoint || m_shown.type != ItemType::Rule || m_shown.rule < 0
        || m_shown.rule >= endpoint->rules.size())
        return nullptr;
    return &endpoint->rules.at(m_shown.rule);
}

void MocksPanel::commitForms()
{
    m_commitTimer.stop();
    if (m_shown.type == ItemType::Http) {
        commitHttpForm();
        return;
    }
    const EndpointOutline *endpoint = shownEndpoint();
    if (m_rebuilding || !endpoint)
        return;
    // Every change is worked out before the first is applied: applying one reloads the forms.
    Pending pending;
    if (m_shown.type == ItemType::Rule) {
        if (const RuleOutline *rule = shownRule()) {
            matchEdit(*rule, &pending);
            ruleKeysEdit(*rule, &pending);
        }
    } else if (m_shown.type == ItemType::Greeting) {
        greetingKeysEdit(*endpoint, &pending);
    } else if (m_shown.type == ItemType::Endpoint) {
        pathEdit(*endpoint, &pending);
        greetingEdit(*endpoint, &pending);
        endpointKeysEdit(*endpoint, &pending);
    }
    emitEdits(pending);
}

void MocksPanel::commitHttpForm()
{
    if (m_rebuilding || !isOnHttpEndpoint(m_shown, m_outline))
        return;
    const HttpEndpointOutline &endpoint = m_outline.httpEndpoints.at(m_shown.endpoint);
    // Both sets of keys are worked out before the first edit reloads the form.
    const SpecEdits::KeyValues keys = m_httpForm->endpointChanges(endpoint);
    const SpecEdits::KeyValues responseKeys = m_httpForm->responseChanges(endpoint);
    Pending pending;
    if (!keys.isEmpty())
        pending.append(boundEdit(&SpecEdits::setHttpKeys, m_shown.endpoint, keys));
    if (!responseKeys.isEmpty())
        pending.append(boundEdit(&SpecEdits::setHttpResponseKeys, m_shown.endpoint, responseKeys));
    emitEdits(pending);
}

void MocksPanel::emitEdits(const Pending &pending)
{
    for (const SpecEditFunction &edit : pending)
        emit editRequested(edit, selection());
}

void MocksPanel::commitPath()
{
    const EndpointOutline *endpoint = shownEndpoint();
    if (m_rebuilding || !endpoint || m_shown.type != ItemType::Endpoint)
        return;
    Pending pending;
    pathEdit(*endpoint, &pending);
    emitEdits(pending);
}

void MocksPanel::pathEdit(const EndpointOutline &endpoint, Pending *pending) const
{
    const QString value = m_path->text();
    if (value == endpoint.pathValue || value.isEmpty())
        return;
    pending->append(boundEdit(&SpecEdits::setPath, m_shown.endpoint, value));
}

void MocksPanel::greetingEdit(const EndpointOutline &endpoint, Pending *pending) const
{
    if (m_greeting->isReadOnly())
        return;
    const QString value = m_greeting->toPlainText();
    if (value == (endpoint.hasGreeting ? endpoint.greetingValue : QString()))
        return;
    pending->append(boundEdit(&SpecEdits::setGreeting, m_shown.endpoint, value));
}

void MocksPanel::fallbackEdit(const EndpointOutline &endpoint, SpecEdits::KeyValues *values) const
{
    QString current;
    if (m_fallback->isReadOnly() || !fallbackOf(endpoint, &current))
        return;
    const QString text = m_fallback->toPlainText();
    if (text == current)
        return;
    values->append({ QStringLiteral("on-unmatched"),
                     text.isEmpty() ? YamlValue()
                                    : YamlValue::map().insert(QStringLiteral("response"),
                                                              YamlValue::scalar(text)) });
}

void MocksPanel::endpointKeysEdit(const EndpointOutline &endpoint, Pending *pending) const
{
    SpecEdits::KeyValues values;
    fallbackEdit(endpoint, &values);
    const QStringList names = splitNames(m_subprotocols->text());
    if (names != subprotocolsOf(endpoint)) {
        QList<YamlValue> items;
        for (const QString &name : names)
            items.append(YamlValue::scalar(name));
        values.append({ QStringLiteral("subprotocols"),
                        names.isEmpty() ? YamlValue() : YamlValue::list(items, true) });
    }
    const QString protocol = m_protocol->currentData().toString();
    if (protocol != protocolOf(endpoint))
        values.append({ QStringLiteral("protocol"),
                        protocol.isEmpty() ? YamlValue() : YamlValue::scalar(protocol) });
    const KeyOutline *streamsKey = findKey(endpoint.keys, QStringLiteral("streams"));
    QList<StreamRow> current;
    const bool shown = !streamsKey || streamsFromValue(streamsKey->value, &current);
    const QList<StreamRow> rows = m_streams->rows();
    if (shown && rows != current && m_streams->problem().isEmpty())
        values.append(
            { QStringLiteral("streams"), rows.isEmpty() ? YamlValue() : streamsToValue(rows) });
    if (values.isEmpty())
        return;
    pending->append(boundEdit(&SpecEdits::setEndpointKeys, m_shown.endpoint, values));
}

void MocksPanel::greetingKeysEdit(const EndpointOutline &endpoint, Pending *pending) const
{
    const SpecEdits::KeyValues values = m_greetingReply->changes(endpoint.onConnectKeys);
    if (values.isEmpty())
        return;
    pending->append(boundEdit(&SpecEdits::setGreetingKeys, m_shown.endpoint, values));
}

void MocksPanel::matchEdit(const RuleOutline &rule, Pending *pending) const
{
    if (!matchProblem().isEmpty())
        return;
    const auto kind = MatchKind(m_matchKind->currentIndex());
    QString currentPrefix;
    const MatchKind current = matchKindOf(rule, &currentPrefix);
    const QString prefix = m_binaryPrefix->text().trimmed();
    QString key = QStringLiteral("binary");
    YamlValue value;
    switch (kind) {
    case MatchKind::Pattern:
        if (current == kind && m_pattern->toPlainText() == rule.patternValue)
            return;
        key = QStringLiteral("pattern");
        value = YamlValue::scalar(m_pattern->toPlainText());
        break;
    case MatchKind::AnyBinary:
        if (current == kind)
            return;
        value = YamlValue::verbatim(QStringLiteral("any"));
        break;
    case MatchKind::HexPrefix:
    case MatchKind::Base64Prefix:
        if (current == kind && currentPrefix == prefix)
            return;
        value = YamlValue::map(true).insert(kind == MatchKind::HexPrefix
                                                ? QStringLiteral("hex-prefix")
                                                : QStringLiteral("base64-prefix"),
                                            YamlValue::scalar(prefix));
        break;
    }
    pending->append(
        boundEdit(&SpecEdits::setRuleMatch, m_shown.endpoint, m_shown.rule, key, value));
}

void MocksPanel::showSequenceReply()
{
    const bool wasRebuilding = m_rebuilding;
    m_rebuilding = true;
    m_ruleReply->load(m_sequence->currentKeys());
    m_rebuilding = wasRebuilding;
}

// The reply's keys to change: the rule's own, or its sequence's (the selected reply as the
// reply form has it), or a switch between the two.
SpecEdits::KeyValues MocksPanel::replyChanges(const RuleOutline &rule) const
{
    SpecEdits::KeyValues values = m_sequence->switchChanges(rule.keys);
    if (!values.isEmpty())
        return values;
    const KeyOutline *sequence = findKey(rule.keys, QStringLiteral("sequence"));
    if (!sequence || !m_sequence->isSequence())
        return sequence ? values : m_ruleReply->changes(rule.keys);
    if (!m_sequence->isShown())
        return values;
    const YamlValue value = m_sequence->value(m_ruleReply->changes(m_sequence->currentKeys()));
    if (!(value == sequence->value))
        values.append({ QStringLiteral("sequence"), value });
    return values;
}

void MocksPanel::ruleKeysEdit(const RuleOutline &rule, Pending *pending) const
{
    SpecEdits::KeyValues values = replyChanges(rule);
    stateKeys(rule, &values);
    m_conversation->changes(rule.keys, &values);
    selectorKeys(rule, &values);
    // Switched on is the default: the key is written only to switch the rule off.
    if (m_ruleEnabled->isChecked() == isSwitchedOff(rule))
        values.append({ QStringLiteral("enabled"),
                        m_ruleEnabled->isChecked()
                            ? YamlValue()
                            : YamlValue::verbatim(QStringLiteral("false")) });
    if (values.isEmpty())
        return;
    pending->append(boundEdit(&SpecEdits::setRuleKeys, m_shown.endpoint, m_shown.rule, values));
}

void MocksPanel::stateKeys(const RuleOutline &rule, SpecEdits::KeyValues *values) const
{
    const std::pair<QString, const QLineEdit *> fields[] = {
        { QStringLiteral("when-state"), m_whenState },
        { QStringLiteral("set-state"), m_setState },
    };
    // when-state takes several names; set-state one, commas and all.
    const auto namesOf = [](const QString &key, const QString &text) {
        if (key == QLatin1String("when-state"))
            return stateNames(text);
        return text.trimmed().isEmpty() ? QStringList() : QStringList { text.trimmed() };
    };
    for (const auto &[key, field] : fields) {
        const QStringList names = namesOf(key, field->text());
        if (names != namesOf(key, statesText(findKey(rule.keys, key))))
            values->append({ key, statesValue(names) });
    }
}

QLineEdit *MocksPanel::selectorField(const QString &key) const
{
    for (const auto &[name, field] : m_selectors) {
        if (name == key)
            return field;
    }
    return nullptr;
}

void MocksPanel::showSelectors(const EndpointOutline &endpoint, const RuleOutline &rule)
{
    const KeyOutline *protocol = findKey(endpoint.keys, QStringLiteral("protocol"));
    const Protocols::Preset *preset
        = protocol ? Protocols::presetNamed(protocol->value.text) : nullptr;
    const QString name = preset ? QString::fromLatin1(preset->name) : QString();
    if (name != m_selectorPreset) {
        m_selectorPreset = name;
        for (const auto &[key, field] : m_selectors)
            m_matchForm->removeRow(field);
        m_selectors.clear();
        for (const Protocols::RuleKey &key :
             preset ? preset->ruleKeys : QList<Protocols::RuleKey>()) {
            if (key.role != Protocols::KeyRole::Selector)
                continue;
            const QString keyName = QString::fromLatin1(key.name);
            auto *field = new QLineEdit(m_matchForm->parentWidget());
            field->setObjectName(keyName);
            field->setPlaceholderText(tr("any"));
            field->setToolTip(tr("%1 — which %2 messages the rule answers (empty: any); the "
                                 "pattern, if any, then matches their payload")
                                  .arg(keyName, name));
            connect(field, &QLineEdit::textEdited, this, [this] {
                if (!m_rebuilding)
                    m_commitTimer.start();
            });
            connect(field, &QLineEdit::editingFinished, this, [this] {
                if (!m_rebuilding)
                    commitForms();
            });
            // Above the pattern: on a preset endpoint the rule selects on these first.
            m_matchForm->insertRow(1 + int(m_selectors.size()), keyName + QLatin1Char(':'), field);
            m_selectors.emplace_back(keyName, field);
        }
    }
    for (const auto &[key, field] : m_selectors) {
        const KeyOutline *value = findKey(rule.keys, key);
        setTextUnlessFocused(field, value ? value->value.text : QString());
    }
}

void MocksPanel::selectorKeys(const RuleOutline &rule, SpecEdits::KeyValues *values) const
{
    for (const auto &[key, field] : m_selectors) {
        const KeyOutline *written = findKey(rule.keys, key);
        const QString text = field->text().trimmed();
        if (text != (written ? written->value.text : QString()))
            values->append({ key, text.isEmpty() ? YamlValue() : YamlValue::scalar(text) });
    }
}

void MocksPanel::addEndpoint()
{
    commitForms();
    const QString path
        = unusedPath(QStringLiteral("/ws/new"), m_outline.endpoints,
                     [](const EndpointOutline &endpoint) { return endpoint.pathValue; });
    Selection after { ItemType::Endpoint, int(m_outline.endpoints.size()), -1 };
    emit editRequested(boundEdit(&SpecEdits::addEndpoint, path), after);
}

void MocksPanel::addHttpEndpoint()
{
    commitForms();
    const QString path = unusedPath(QStringLiteral("/new"), m_outline.httpEndpoints,
                                    [](const HttpEndpointOutline &endpoint) {
                                        return endpoint.value(QStringLiteral("path")).text;
                                    });
    Selection after { ItemType::Http, int(m_outline.httpEndpoints.size()), -1 };
    emit editRequested(boundEdit(&SpecEdits::addHttpEndpoint, path, QStringLiteral("ok")), after);
}

std::optional<MocksPanel::Selection> MocksPanel::selectionToEdit()
{
    commitForms(); // what was typed goes in before the edit that follows
    const Selection chosen = selection();
    if (!isOnEndpoint(chosen, m_outline))
        return std::nullopt;
    return chosen;
}

void MocksPanel::addRule()
{
    const std::optional<Selection> selected = selectionToEdit();
    if (!selected)
        return;
    const int endpoint = selected->endpoint;
    const int rules = int(m_outline.endpoints.at(endpoint).rules.size());
    emit editRequested(
        boundEdit(&SpecEdits::addRule, endpoint, QStringLiteral("ping"), QStringLiteral("pong")),
        Selection { ItemType::Rule, endpoint, rules });
}

void MocksPanel::removeSelected()
{
    const Selection chosen = selection();
    if (isOnHttpEndpoint(chosen, m_outline)) {
        emit editRequested(boundEdit(&SpecEdits::removeHttpEndpoint, chosen.endpoint),
                           Selection { ItemType::Http, std::max(0, chosen.endpoint - 1), -1 });
        return;
    }
    if (!isOnEndpoint(chosen, m_outline))
        return;
    if (chosen.type == ItemType::Rule) {
        const ItemType afterType = chosen.rule > 0 ? ItemType::Rule : ItemType::Endpoint;
        emit editRequested(boundEdit(&SpecEdits::removeRule, chosen.endpoint, chosen.rule),
                           Selection { afterType, chosen.endpoint, std::max(0, chosen.rule - 1) });
    } else if (chosen.type == ItemType::Greeting) {
        emit editRequested(boundEdit(&SpecEdits::setGreeting, chosen.endpoint, QString()),
                           Selection { ItemType::Endpoint, chosen.endpoint, -1 });
    } else {
        emit editRequested(boundEdit(&SpecEdits::removeEndpoint, chosen.endpoint),
                           Selection { ItemType::Endpoint, std::max(0, chosen.endpoint - 1), -1 });
    }
}

void MocksPanel::duplicateSelected()
{
    const std::optional<Selection> chosen = selectionToEdit();
    if (!chosen)
        return;
    if (chosen->type == ItemType::Rule) {
        emit editRequested(boundEdit(&SpecEdits::duplicateRule, chosen->endpoint, chosen->rule),
                           Selection { ItemType::Rule, chosen->endpoint, chosen->rule + 1 });
    } else {
        emit editRequested(boundEdit(&SpecEdits::duplicateEndpoint, chosen->endpoint),
                           Selection { ItemType::Endpoint, chosen->endpoint + 1, -1 });
    }
}

void MocksPanel::moveSelected(int delta)
{
    const std::optional<Selection> chosen = selectionToEdit();
    if (!chosen)
        return;
    if (chosen->type == ItemType::Rule) {
        const int count = int(m_outline.endpoints.at(chosen->endpoint).rules.size());
        if (chosen->rule + delta < 0 || chosen->rule + delta >= count)
            return;
        emit editRequested(boundEdit(&SpecEdits::moveRule, chosen->endpoint, chosen->rule, delta),
                           Selection { ItemType::Rule, chosen->endpoint, chosen->rule + delta });
    } else if (chosen->type == ItemType::Endpoint) {
        const int to = chosen->endpoint + delta;
        if (to < 0 || to >= m_outline.endpoints.size())
            return;
        emit editRequested(boundEdit(&SpecEdits::moveEndpoint, chosen->endpoint, delta),
                           Selection { ItemType::Endpoint, to, -1 });
    }
}

void MocksPanel::updateButtons()
{
    const Selection chosen = selection();
    const bool any = chosen.endpoint >= 0;
    // HTTP items have no rules, and are duplicated and moved in the YAML editor.
    const bool websocket = isOnEndpoint(chosen, m_outline);
    const bool whole = websocket && chosen.type != ItemType::Greeting;
    m_addRule->setEnabled(websocket);
    m_remove->setEnabled(any);
    m_duplicate->setEnabled(whole);
    m_up->setEnabled(whole);
    m_down->setEnabled(whole);
    m_addEndpoint->setEnabled(true);
    const bool stale = !m_staleBanner->isHidden();
    const QString why = tr("The YAML has a syntax error: the forms cannot edit it until it is "
                           "fixed in the editor");
    for (const auto &[button, tip] : std::as_const(m_buttonTips)) {
        if (stale)
            button->setEnabled(false);
        button->setToolTip(stale ? why : tip);
    }
}
