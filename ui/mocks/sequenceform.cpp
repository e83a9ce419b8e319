#include "sequenceform.h"

#include "formhelpers.h"
#include "mockspanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

const QStringList &replyKeys()
{
    static const QStringList keys { QStringLiteral("response"), QStringLiteral("frames"),
                                    QStringLiteral("delay"), QStringLiteral("to"),
                                    QStringLiteral("close") };
    return keys;
}

// The map with value under key (null: without key).
void setMapKey(YamlValue *map, const QString &key, const YamlValue &value)
{
    const qsizetype index = map->keys.indexOf(key);
    if (value.isNull()) {
        if (index >= 0) {
            map->keys.removeAt(index);
            map->items.removeAt(index);
        }
    } else if (index >= 0) {
        map->items[index] = value;
    } else {
        map->insert(key, value);
    }
}

QList<KeyOutline> keysOf(const YamlValue &map)
{
    QList<KeyOutline> keys;
    for (qsizetype i = 0; i < map.keys.size() && i < map.items.size(); ++i) {
        KeyOutline key;
        key.name = map.keys.at(i);
        key.value = map.items.at(i);
        keys.append(key);
    }
    return keys;
}

} // namespace

SequenceForm::SequenceForm(QWidget *parent) : QWidget(parent)
{
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("replyKind"));
    m_kind->addItems({ tr("One reply"), tr("A sequence of replies") });
    m_kind->setToolTip(tr("sequence — the rule answers its 1st, 2nd, ... match with the next of "
                          "its replies"));
    m_details = new QWidget(this);
    m_list = new QListWidget(m_details);
    m_list->setObjectName(QStringLiteral("sequenceReplies"));
    m_list->setMaximumHeight(90);
    m_list->setAccessibleName(tr("Replies"));
    m_add = Forms::toolButton(QStringLiteral("list-add"), tr("Add reply"), m_details);
    m_remove = Forms::toolButton(QStringLiteral("list-remove"), tr("Remove reply"), m_details);
    m_up = Forms::toolButton(QStringLiteral("go-up"), tr("Move reply up"), m_details);
    m_down = Forms::toolButton(QStringLiteral("go-down"), tr("Move reply down"), m_details);
    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(0);
    for (QToolButton *button : { m_add, m_remove, m_up, m_down })
        buttons->addWidget(button);
    buttons->addStretch();
    m_mode = new QComboBox(m_details);
    m_mode->addItems({ tr("Stick on the last reply"), tr("Start over after the last") });
    m_mode->setToolTip(tr("mode — stick (the default) or cycle"));
    m_per = new QComboBox(m_details);
    m_per->addItems({ tr("Each connection counts its own"), tr("The whole endpoint counts once") });
    m_per->setToolTip(tr("per — connection (the default) or endpoint"));
    m_note
        = new QLabel(tr("This sequence has keys the form cannot show; edit it in the YAML"), this);
    m_note->setWordWrap(true);
    m_note->hide();
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_list, 1);
    top->addLayout(buttons);
    auto *details = new QFormLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);
    details->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    details->addRow(tr("Replies:"), top);
    details->addRow(tr("After the last:"), m_mode);
    details->addRow(tr("Counted:"), m_per);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Answers:"), m_kind);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_details);
    layout->addWidget(m_note);

    auto chosen = [this] {
        if (!m_loading)
            emit committed();
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this, chosen] {
        updateVisibility();
        chosen();
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_per, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_loading && row >= 0 && row != m_current)
            emit replyChosen(row);
    });
    connect(m_add, &QToolButton::clicked, this, &SequenceForm::addReply);
    connect(m_remove, &QToolButton::clicked, this, &SequenceForm::removeCurrent);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(+1); });
    updateVisibility();
}

void SequenceForm::load(const KeyOutline *sequence)
{
    m_loading = true;
    m_replies.clear();
    m_shown = true;
    int mode = 0;
    int per = 0;
    if (sequence) {
        const YamlValue &value = sequence->value;
        const YamlValue *replies = value.value(QStringLiteral("replies"));
        m_shown = value.isMap() && replies && replies->isList() && !replies->items.isEmpty();
        for (const QString &key : value.keys)
            m_shown = m_shown
                && QStringList { QStringLiteral("mode"), QStringLiteral("per"),
                                 QStringLiteral("replies") }
                       .contains(key);
        for (const YamlValue &reply : replies ? replies->items : QList<YamlValue>()) {
            m_shown = m_shown && reply.isMap();
            m_replies.append(reply);
        }
        const YamlValue *modeValue = value.value(QStringLiteral("mode"));
        const YamlValue *perValue = value.value(QStringLiteral("per"));
        mode = modeValue && modeValue->text == QLatin1String("cycle") ? 1 : 0;
        per = perValue && perValue->text == QLatin1String("endpoint") ? 1 : 0;
    }
    m_kind->setCurrentIndex(sequence ? 1 : 0);
    m_mode->setCurrentIndex(mode);
    m_per->setCurrentIndex(per);
    m_current = std::clamp(m_current, 0, std::max(0, int(m_replies.size()) - 1));
    refreshList();
    m_details->setEnabled(m_shown);
    m_note->setVisible(!m_shown);
    updateVisibility();
    m_loading = false;
}

bool SequenceForm::isSequence() const
{
    return m_kind->currentIndex() == 1;
}

QList<KeyOutline> SequenceForm::currentKeys() const
{
    if (m_current < 0 || m_current >= m_replies.size())
        return {};
    return keysOf(m_replies.at(m_current));
}

YamlValue SequenceForm::sequenceValue(const QList<YamlValue> &replies) const
{
    YamlValue value = YamlValue::map();
    if (m_mode->currentIndex() == 1)
        value.insert(QStringLiteral("mode"), YamlValue::scalar(QStringLiteral("cycle")));
    if (m_per->currentIndex() == 1)
        value.insert(QStringLiteral("per"), YamlValue::scalar(QStringLiteral("endpoint")));
    value.insert(QStringLiteral("replies"), YamlValue::list(replies));
    return value;
}

YamlValue SequenceForm::value(const SpecEdits::KeyValues &replyChanges) const
{
    QList<YamlValue> replies = m_replies;
    if (m_current >= 0 && m_current < replies.size()) {
        for (const auto &[key, change] : replyChanges)
            setMapKey(&replies[m_current], key, change);
    }
    return sequenceValue(replies);
}

SpecEdits::KeyValues SequenceForm::switchChanges(const QList<KeyOutline> &ruleKeys) const
{
    SpecEdits::KeyValues out;
    const KeyOutline *written = findKey(ruleKeys, QStringLiteral("sequence"));
    if (isSequence() && !written) {
        // The rule's one reply becomes the sequence's first.
        YamlValue reply = YamlValue::map();
        for (const QString &key : replyKeys()) {
            if (const KeyOutline *present = findKey(ruleKeys, key)) {
                reply.insert(key, present->value);
                out.append({ key, YamlValue() });
            }
        }
        if (reply.keys.isEmpty())
            reply.insert(QStringLiteral("response"), YamlValue::scalar(QStringLiteral("ok")));
        out.prepend({ QStringLiteral("sequence"), sequenceValue({ reply }) });
    } else if (!isSequence() && written && m_shown && !m_replies.isEmpty()) {
        // Back to one reply: the sequence's first.
        const YamlValue &first = m_replies.first();
        for (qsizetype i = 0; i < first.keys.size() && i < first.items.size(); ++i)
            out.append({ first.keys.at(i), first.items.at(i) });
        out.append({ QStringLiteral("sequence"), YamlValue() });
    }
    return out;
}

void SequenceForm::setCurrent(int row)
{
    m_current = std::clamp(row, 0, std::max(0, int(m_replies.size()) - 1));
    refreshList();
}

void SequenceForm::addReply()
{
    emit aboutToEdit();
    m_replies.insert(
        m_current + 1,
        YamlValue::map().insert(QStringLiteral("response"), YamlValue::scalar(tr("next reply"))));
    setCurrent(m_current + 1);
    emit replyShown();
    emit committed();
}

void SequenceForm::removeCurrent()
{
    if (m_replies.size() < 2) // a sequence keeps one reply at least
        return;
    emit aboutToEdit();
    m_replies.removeAt(m_current);
    setCurrent(std::min(m_current, int(m_replies.size()) - 1));
    emit replyShown();
    emit committed();
}

void SequenceForm::moveCurrent(int delta)
{
    const int to = m_current + delta;
    if (to < 0 || to >= m_replies.size())
        return;
    emit aboutToEdit();
    m_replies.move(m_current, to);
    setCurrent(to);
    emit replyShown();
    emit committed();
}

void SequenceForm::refreshList()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    // Rows changed in place: this may run while the list reports a click.
    while (m_list->count() > m_replies.size())
        delete m_list->takeItem(m_list->count() - 1);
    for (int index = 0; index < m_replies.size(); ++index) {
        if (index >= m_list->count())
            m_list->addItem(QString());
        m_list->item(index)->setText(
            tr("%1. %2").arg(index + 1).arg(MocksPanel::replySummary(keysOf(m_replies.at(index)))));
    }
    if (!m_replies.isEmpty())
        m_list->setCurrentRow(m_current);
    m_remove->setEnabled(m_replies.size() > 1);
    m_up->setEnabled(m_current > 0);
    m_down->setEnabled(m_current + 1 < m_replies.size());
    m_loading = wasLoading;
}

void SequenceForm::updateVisibility()
{
    m_details->setVisible(isSequence());
}
