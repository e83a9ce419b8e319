#include "mockspanel.h"

#include "messagepattern.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
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
    QString t = text.simplified();
    if (t.size() > 60)
        t = t.left(59) + QChar(0x2026);
    return t;
}

QToolButton *toolButton(const QString &icon, const QString &text, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setIcon(QIcon::fromTheme(icon, QIcon(QStringLiteral(":/icons/%1.svg").arg(icon))));
    b->setToolTip(text);
    b->setText(text);
    b->setAutoRaise(true);
    return b;
}

// A QPlainTextEdit that tells when it loses focus, so forms commit then.
class FormTextEdit : public QPlainTextEdit
{
public:
    using QPlainTextEdit::QPlainTextEdit;
    std::function<void()> onFocusOut;

protected:
    void focusOutEvent(QFocusEvent *event) override
    {
        QPlainTextEdit::focusOutEvent(event);
        if (onFocusOut)
            onFocusOut();
    }
};
} // namespace

MocksPanel::MocksPanel(QWidget *parent) : QWidget(parent)
{
    qRegisterMetaType<MocksPanel::Selection>();
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);

    m_addEndpoint = toolButton(QStringLiteral("list-add"), tr("Add endpoint"), this);
    m_addRule = toolButton(QStringLiteral("mail-send"), tr("Add rule"), this);
    m_addRule->setIcon(QIcon::fromTheme(QStringLiteral("list-add"), QIcon(QStringLiteral(":/icons/list-add.svg"))));
    m_addRule->setText(tr("Rule"));
    m_addRule->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_remove = toolButton(QStringLiteral("list-remove"), tr("Remove"), this);
    m_duplicate = toolButton(QStringLiteral("edit-copy"), tr("Duplicate"), this);
    m_up = toolButton(QStringLiteral("go-up"), tr("Move up"), this);
    m_down = toolButton(QStringLiteral("go-down"), tr("Move down"), this);
    m_addEndpoint->setText(tr("Endpoint"));
    m_addEndpoint->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    for (QToolButton *b : { m_addEndpoint, m_addRule, m_remove, m_duplicate, m_up, m_down })
        buttons->addWidget(b);
    buttons->addStretch();

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    // Endpoint form
    auto *endpointPage = new QWidget(this);
    m_endpointTitle = new QLabel(endpointPage);
    m_path = new QLineEdit(endpointPage);
    m_path->setFont(fixed);
    m_path->setPlaceholderText(tr("/ws/chat/:room"));
    m_path->setToolTip(tr("The URL path; :name segments capture a value for {{path-params.name}}"));
    auto *greeting = new FormTextEdit(endpointPage);
    m_greeting = greeting;
    m_greeting->setFont(fixed);
    m_greeting->setTabChangesFocus(true);
    m_greeting->setPlaceholderText(tr("Sent when a client connects (empty: no greeting)"));
    auto *endpointForm = new QFormLayout(endpointPage);
    endpointForm->addRow(m_endpointTitle);
    endpointForm->addRow(tr("&Path:"), m_path);
    endpointForm->addRow(tr("&Greeting:"), m_greeting);

    // Rule form
    auto *rulePage = new QWidget(this);
    m_ruleTitle = new QLabel(rulePage);
    auto *pattern = new FormTextEdit(rulePage);
    m_pattern = pattern;
    m_pattern->setFont(fixed);
    m_pattern->setTabChangesFocus(true);
    m_pattern->setMaximumHeight(80);
    m_kind = new QLabel(rulePage);
    m_kind->setWordWrap(true);
    auto *response = new FormTextEdit(rulePage);
    m_response = response;
    m_response->setFont(fixed);
    m_response->setTabChangesFocus(true);
    auto *ruleForm = new QFormLayout(rulePage);
    ruleForm->addRow(m_ruleTitle);
    ruleForm->addRow(tr("P&attern:"), m_pattern);
    ruleForm->addRow(tr("Kind:"), m_kind);
    ruleForm->addRow(tr("&Response:"), m_response);

    auto *hint = new QLabel(tr("Select an endpoint or a rule to edit it here, or add one."), this);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    m_forms = new QStackedWidget(this);
    m_forms->addWidget(hint);
    m_forms->addWidget(endpointPage);
    m_forms->addWidget(rulePage);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(m_forms);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(600);
    connect(&m_commitTimer, &QTimer::timeout, this, &MocksPanel::commitForms);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &MocksPanel::onSelectionChanged);
    connect(m_path, &QLineEdit::editingFinished, this, &MocksPanel::commitPath);
    for (FormTextEdit *edit : { greeting, pattern, response }) {
        connect(edit, &QPlainTextEdit::textChanged, this, [this] {
            if (!m_rebuilding)
                m_commitTimer.start();
        });
        edit->onFocusOut = [this] { commitForms(); };
    }
    connect(m_pattern, &QPlainTextEdit::textChanged, this, &MocksPanel::updateKind);
    connect(m_addEndpoint, &QToolButton::clicked, this, &MocksPanel::addEndpoint);
    connect(m_addRule, &QToolButton::clicked, this, &MocksPanel::addRule);
    connect(m_remove, &QToolButton::clicked, this, &MocksPanel::removeSelected);
    connect(m_duplicate, &QToolButton::clicked, this, &MocksPanel::duplicateSelected);
    connect(m_up, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveSelected(+1); });
    updateButtons();
}

void MocksPanel::setOutline(const SpecOutline &outline)
{
    m_outline = outline;
    const Selection keep = selection();
    rebuildTree();
    select(keep);
    showForms();
}

void MocksPanel::rebuildTree()
{
    m_rebuilding = true;
    m_tree->clear();
    for (int e = 0; e < m_outline.endpoints.size(); ++e) {
        const EndpointOutline &endpoint = m_outline.endpoints.at(e);
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(0, endpoint.pathValue.isEmpty() ? tr("(no path)") : endpoint.pathValue);
        item->setData(0, TypeRole, int(ItemType::Endpoint));
        item->setData(0, EndpointRole, e);
        item->setToolTip(0, tr("Line %1").arg(endpoint.line));
        if (endpoint.hasGreeting) {
            auto *g = new QTreeWidgetItem(item);
            g->setText(0, tr("on-connect: %1").arg(oneLine(endpoint.greetingValue)));
            g->setData(0, TypeRole, int(ItemType::Greeting));
            g->setData(0, EndpointRole, e);
        }
        for (int r = 0; r < endpoint.rules.size(); ++r) {
            const RuleOutline &rule = endpoint.rules.at(r);
            auto *child = new QTreeWidgetItem(item);
            const MessagePattern compiled = MessagePattern::compile(rule.patternValue);
            child->setText(0, tr("%1 → %2").arg(oneLine(rule.patternValue), oneLine(rule.responseValue)));
            child->setToolTip(0, tr("on-message[%1] · %2 pattern · line %3")
                                     .arg(r)
                                     .arg(compiled.kindName())
                                     .arg(rule.line));
            child->setData(0, TypeRole, int(ItemType::Rule));
            child->setData(0, EndpointRole, e);
            child->setData(0, RuleRole, r);
        }
        item->setExpanded(true);
    }
    m_rebuilding = false;
}

MocksPanel::Selection MocksPanel::selection() const
{
    Selection s;
    const QList<QTreeWidgetItem *> items = m_tree->selectedItems();
    if (items.isEmpty())
        return s;
    QTreeWidgetItem *item = items.first();
    s.type = ItemType(item->data(0, TypeRole).toInt());
    s.endpoint = item->data(0, EndpointRole).toInt();
    s.rule = s.type == ItemType::Rule ? item->data(0, RuleRole).toInt() : -1;
    return s;
}

void MocksPanel::select(const Selection &selection)
{
    m_rebuilding = true;
    QTreeWidgetItem *target = nullptr;
    if (selection.endpoint >= 0 && m_tree->topLevelItemCount() > 0) {
        QTreeWidgetItem *endpoint =
            m_tree->topLevelItem(std::min(selection.endpoint, m_tree->topLevelItemCount() - 1));
        target = endpoint;
        for (int i = 0; i < endpoint->childCount(); ++i) {
            QTreeWidgetItem *child = endpoint->child(i);
            const auto type = ItemType(child->data(0, TypeRole).toInt());
            if (type == selection.type
                && (type == ItemType::Greeting || child->data(0, RuleRole).toInt() == selection.rule))
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

void MocksPanel::onSelectionChanged()
{
    if (m_rebuilding)
        return;
    commitForms();
    showForms();
    updateButtons();
    const Selection s = selection();
    if (s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size())
        return;
    const EndpointOutline &endpoint = m_outline.endpoints.at(s.endpoint);
    if (s.type == ItemType::Rule && s.rule < endpoint.rules.size())
        emit lineSelected(endpoint.rules.at(s.rule).line);
    else
        emit lineSelected(endpoint.line);
}

void MocksPanel::setTextUnlessFocused(QPlainTextEdit *edit, const QString &text)
{
    if (!edit->hasFocus() && edit->toPlainText() != text)
        edit->setPlainText(text);
}

void MocksPanel::showForms()
{
    const Selection s = selection();
    if (s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size()) {
        m_forms->setCurrentIndex(0);
        return;
    }
    m_rebuilding = true;
    const EndpointOutline &endpoint = m_outline.endpoints.at(s.endpoint);
    if (s.type == ItemType::Rule && s.rule >= 0 && s.rule < endpoint.rules.size()) {
        const RuleOutline &rule = endpoint.rules.at(s.rule);
        m_ruleTitle->setText(tr("<b>%1</b> · on-message[%2]").arg(endpoint.pathValue.toHtmlEscaped()).arg(s.rule));
        setTextUnlessFocused(m_pattern, rule.patternValue);
        setTextUnlessFocused(m_response, rule.responseValue);
        m_forms->setCurrentIndex(2);
    } else {
        m_endpointTitle->setText(tr("<b>Endpoint</b> · line %1").arg(endpoint.line));
        if (!m_path->hasFocus() && m_path->text() != endpoint.pathValue)
            m_path->setText(endpoint.pathValue);
        setTextUnlessFocused(m_greeting, endpoint.hasGreeting ? endpoint.greetingValue : QString());
        m_forms->setCurrentIndex(1);
    }
    m_rebuilding = false;
    updateKind();
}

QString MocksPanel::patternKindText() const
{
    return m_kind->text();
}

void MocksPanel::updateKind()
{
    const MessagePattern p = MessagePattern::compile(m_pattern->toPlainText());
    QString text;
    if (p.kind() == MessagePattern::Kind::Json)
        text = tr("JSON: matches JSON messages holding these keys and values; {{…}} matches any value");
    else if (p.isRegex())
        text = tr("Regex: matches the exact text, or any message the regular expression matches in full");
    else if (!p.regexError().isEmpty())
        text = tr("Text: matches exactly this text (not a valid regular expression: %1)").arg(p.regexError());
    else
        text = tr("Text: matches exactly this message");
    m_kind->setText(text);
}

void MocksPanel::commitForms()
{
    m_commitTimer.stop();
    if (m_rebuilding)
        return;
    const Selection s = selection();
    if (s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size())
        return;
    if (s.type == ItemType::Rule) {
        commitPattern();
        commitResponse();
    } else {
        commitPath();
        commitGreeting();
    }
}

void MocksPanel::commitPath()
{
    const Selection s = selection();
    if (m_rebuilding || s.type == ItemType::Rule || s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size())
        return;
    const QString value = m_path->text();
    if (value == m_outline.endpoints.at(s.endpoint).pathValue || value.isEmpty())
        return;
    const int e = s.endpoint;
    emit editRequested([e, value](const QString &yaml, const SpecOutline &o) {
        return SpecEdits::setPath(yaml, o, e, value);
    }, s);
}

void MocksPanel::commitGreeting()
{
    const Selection s = selection();
    if (m_rebuilding || s.type == ItemType::Rule || s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size())
        return;
    const EndpointOutline &endpoint = m_outline.endpoints.at(s.endpoint);
    const QString value = m_greeting->toPlainText();
    if (value == (endpoint.hasGreeting ? endpoint.greetingValue : QString()))
        return;
    const int e = s.endpoint;
    emit editRequested([e, value](const QString &yaml, const SpecOutline &o) {
        return SpecEdits::setGreeting(yaml, o, e, value);
    }, s);
}

void MocksPanel::commitPattern()
{
    commitRuleField(m_pattern->toPlainText(), &RuleOutline::patternValue, &SpecEdits::setRulePattern);
}

void MocksPanel::commitResponse()
{
    commitRuleField(m_response->toPlainText(), &RuleOutline::responseValue, &SpecEdits::setRuleResponse);
}

void MocksPanel::commitRuleField(const QString &value, QString RuleOutline::*current, RuleEdit edit)
{
    const Selection s = selection();
    if (m_rebuilding || s.type != ItemType::Rule || s.endpoint >= m_outline.endpoints.size()
        || s.rule >= m_outline.endpoints.at(s.endpoint).rules.size())
        return;
    if (value == m_outline.endpoints.at(s.endpoint).rules.at(s.rule).*current)
        return;
    const int e = s.endpoint, r = s.rule;
    emit editRequested([e, r, value, edit](const QString &yaml, const SpecOutline &o) {
        return edit(yaml, o, e, r, value);
    }, s);
}

void MocksPanel::addEndpoint()
{
    commitForms();
    // A path no other endpoint uses: /ws/new, /ws/new-2, ...
    QString path = QStringLiteral("/ws/new");
    for (int n = 2;; ++n) {
        const bool taken = std::any_of(m_outline.endpoints.cbegin(), m_outline.endpoints.cend(),
                                       [&path](const EndpointOutline &e) { return e.pathValue == path; });
        if (!taken)
            break;
        path = QStringLiteral("/ws/new-%1").arg(n);
    }
    Selection after { ItemType::Endpoint, int(m_outline.endpoints.size()), -1 };
    emit editRequested([path](const QString &yaml, const SpecOutline &o) {
        return SpecEdits::addEndpoint(yaml, o, path);
    }, after);
}

void MocksPanel::addRule()
{
    commitForms();
    const Selection s = selection();
    if (s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size())
        return;
    const int e = s.endpoint;
    Selection after { ItemType::Rule, e, int(m_outline.endpoints.at(e).rules.size()) };
    emit editRequested([e](const QString &yaml, const SpecOutline &o) {
        return SpecEdits::addRule(yaml, o, e, QStringLiteral("ping"), QStringLiteral("pong"));
    }, after);
}

void MocksPanel::removeSelected()
{
    const Selection s = selection();
    if (s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size())
        return;
    const int e = s.endpoint, r = s.rule;
    if (s.type == ItemType::Rule) {
        emit editRequested([e, r](const QString &yaml, const SpecOutline &o) {
            return SpecEdits::removeRule(yaml, o, e, r);
        }, Selection { r > 0 ? ItemType::Rule : ItemType::Endpoint, e, std::max(0, r - 1) });
    } else if (s.type == ItemType::Greeting) {
        emit editRequested([e](const QString &yaml, const SpecOutline &o) {
            return SpecEdits::setGreeting(yaml, o, e, QString());
        }, Selection { ItemType::Endpoint, e, -1 });
    } else {
        emit editRequested([e](const QString &yaml, const SpecOutline &o) {
            return SpecEdits::removeEndpoint(yaml, o, e);
        }, Selection { ItemType::Endpoint, std::max(0, e - 1), -1 });
    }
}

void MocksPanel::duplicateSelected()
{
    commitForms();
    const Selection s = selection();
    if (s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size())
        return;
    const int e = s.endpoint, r = s.rule;
    if (s.type == ItemType::Rule) {
        emit editRequested([e, r](const QString &yaml, const SpecOutline &o) {
            return SpecEdits::duplicateRule(yaml, o, e, r);
        }, Selection { ItemType::Rule, e, r + 1 });
    } else {
        emit editRequested([e](const QString &yaml, const SpecOutline &o) {
            return SpecEdits::duplicateEndpoint(yaml, o, e);
        }, Selection { ItemType::Endpoint, e + 1, -1 });
    }
}

void MocksPanel::moveSelected(int delta)
{
    commitForms();
    const Selection s = selection();
    if (s.endpoint < 0 || s.endpoint >= m_outline.endpoints.size())
        return;
    const int e = s.endpoint, r = s.rule;
    if (s.type == ItemType::Rule) {
        const int count = int(m_outline.endpoints.at(e).rules.size());
        if (r + delta < 0 || r + delta >= count)
            return;
        emit editRequested([e, r, delta](const QString &yaml, const SpecOutline &o) {
            return SpecEdits::moveRule(yaml, o, e, r, delta);
        }, Selection { ItemType::Rule, e, r + delta });
    } else if (s.type == ItemType::Endpoint) {
        if (e + delta < 0 || e + delta >= m_outline.endpoints.size())
            return;
        emit editRequested([e, delta](const QString &yaml, const SpecOutline &o) {
            return SpecEdits::moveEndpoint(yaml, o, e, delta);
        }, Selection { ItemType::Endpoint, e + delta, -1 });
    }
}

void MocksPanel::updateButtons()
{
    const Selection s = selection();
    const bool any = s.endpoint >= 0;
    m_addRule->setEnabled(any);
    m_remove->setEnabled(any);
    m_duplicate->setEnabled(any && s.type != ItemType::Greeting);
    m_up->setEnabled(any && s.type != ItemType::Greeting);
    m_down->setEnabled(any && s.type != ItemType::Greeting);
}
