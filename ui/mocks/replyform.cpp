#include "replyform.h"
#include "placeholdercompleter.h"

#include "formhelpers.h"
#include "formtextedit.h"
#include "mockspec.h"
#include "protocol.h"
#include "specrules.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>
#include <optional>

using Forms::problemLabel;
using Forms::readKeys;
using Forms::showProblem;
using Forms::toolButton;

namespace {

// Text or binary, picked from a list when the kind cell is edited (F2, a key, a click).
class FrameKindDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->addItems({ FramesEditor::tr("Text"), FramesEditor::tr("Binary") });
        combo->setAccessibleName(FramesEditor::tr("Frame kind"));
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QComboBox *>(editor)->setCurrentIndex(index.data(Qt::UserRole).toBool() ? 1
                                                                                            : 0);
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentIndex() == 1, Qt::UserRole);
    }
};

bool hasFocusWithin(const QWidget *widget)
{
    const QWidget *focus = QApplication::focusWidget();
    return focus && (focus == widget || widget->isAncestorOf(focus));
}

// The audience field lists the audiences in Audience's order; what the loader would reject
// shows as the default, the sender.
int audienceIndex(const KeyOutline *to)
{
    if (!to || !to->value.isScalar())
        return 0;
    return int(SpecRules::audience(to->value.text).value_or(Audience::Sender));
}

// Why the loader would refuse this close, or an empty string.
QString closeProblem(int code, const QString &reason)
{
    const QString codeProblem = SpecRules::closeCodeProblem(code);
    return codeProblem.isEmpty() ? SpecRules::closeReasonProblem(reason) : codeProblem;
}

struct Close
{
    bool on = false;
    int code = 1000;
    QString reason;
};

Close closeOf(const KeyOutline *key)
{
    Close result;
    if (!key)
        return result;
    result.on = true;
    const YamlValue &closeValue = key->value;
    if (closeValue.isScalar()) {
        bool ok = false;
        const int code = closeValue.text.toInt(&ok);
        if (ok)
            result.code = code;
    } else if (closeValue.isMap()) {
        if (const YamlValue *code = closeValue.value(QStringLiteral("code")))
            result.code = code->text.toInt();
        if (const YamlValue *reason = closeValue.value(QStringLiteral("reason")))
            result.reason = reason->text;
    }
    return result;
}

// Reads each item of a list as a row; false when value is no list or at the first item
// readItem cannot read (rows then hold the items before it).
template<typename Row>
bool rowsFromList(const YamlValue &value, QList<Row> *rows,
                  std::optional<Row> (*readItem)(const YamlValue &item))
{
    rows->clear();
    if (!value.isList())
        return false;
    for (const YamlValue &item : value.items) {
        const std::optional<Row> row = readItem(item);
        if (!row)
            return false;
        rows->append(*row);
    }
    return true;
}

bool readFrameKey(const QString &key, const YamlValue &value, FrameRow *row)
{
    if (key == QLatin1String("response")) {
        row->content = value.toJson();
    } else if (key == QLatin1String("binary") && value.isScalar()) {
        row->binary = true;
        row->content = value.text;
    } else if (key == QLatin1String("delay") && value.isScalar()) {
        row->delay = value.text;
    } else {
        return false;
    }
    return true;
}

// A frame is its text, or a map of response or binary and delay.
std::optional<FrameRow> frameFromValue(const YamlValue &item)
{
    FrameRow row;
    if (item.isScalar())
        row.content = item.text;
    else if (!item.isMap() || !readKeys(item, &row, readFrameKey))
        return std::nullopt;
    return row;
}

} // namespace

// ---- frames ----

bool framesFromValue(const YamlValue &value, QList<FrameRow> *rows)
{
    if (rowsFromList(value, rows, frameFromValue))
        return true;
    rows->clear(); // unlike streams, no frames show when one cannot
    return false;
}

YamlValue framesToValue(const QList<FrameRow> &rows)
{
    QList<YamlValue> items;
    for (const FrameRow &row : rows) {
        if (!row.binary && row.delay.isEmpty()) {
            items.append(YamlValue::scalar(row.content));
            continue;
        }
        YamlValue item = YamlValue::map();
        if (row.binary)
            item.insert(
                QStringLiteral("binary"),
                YamlValue::verbatim(QString::fromLatin1(SpecRules::withoutSpaces(row.content))));
        else
            item.insert(QStringLiteral("response"), YamlValue::scalar(row.content));
        if (!row.delay.isEmpty())
            item.insert(QStringLiteral("delay"), YamlValue::verbatim(row.delay.trimmed()));
        items.append(item);
    }
    return YamlValue::list(items);
}

QString delayProblem(const QString &text)
{
    const QString delay = text.trimmed();
    return delay.isEmpty() ? QString() : SpecRules::delay(delay).problem;
}

QString base64Problem(const QString &text)
{
    if (SpecRules::withoutSpaces(text).isEmpty())
        return ReplyForm::tr("Enter the bytes in base64, such as AAEC/w==");
    return SpecRules::base64Frame(text).problem;
}

FramesEditor::FramesEditor(QWidget *parent) : QWidget(parent)
{
    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({ tr("Kind"), tr("Content"), tr("Delay") });
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Fixed);
    {
        const QFontMetrics metrics(font());
        const int widest = std::max({ metrics.horizontalAdvance(tr("Kind")),
                                      metrics.horizontalAdvance(tr("Text")),
                                      metrics.horizontalAdvance(tr("Binary")) });
        m_table->setColumnWidth(0, widest + 3 * metrics.averageCharWidth());
    }
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Interactive);
    m_table->setColumnWidth(2, 80);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move, F2 edits
    m_table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_table->horizontalHeader()->setFont(font());
    m_table->setMinimumHeight(110);
    m_table->setMaximumHeight(180);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("Each frame is sent after its own delay from the previous one. "
                           "Binary frames are written in base64."));

    m_add = toolButton(QStringLiteral("list-add"), tr("Add frame"), this);
    m_remove = toolButton(QStringLiteral("list-remove"), tr("Remove frame"), this);
    m_up = toolButton(QStringLiteral("go-up"), tr("Move frame up"), this);
    m_down = toolButton(QStringLiteral("go-down"), tr("Move frame down"), this);
    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(0);
    for (QToolButton *button : { m_add, m_remove, m_up, m_down })
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    m_table->setItemDelegateForColumn(0, new FrameKindDelegate(m_table));
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked
                             | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_loading)
            return;
        if (item->column() == 0) {
            // The kind's text follows its value.
            const QString text = item->data(Qt::UserRole).toBool() ? tr("Binary") : tr("Text");
            if (item->text() != text) {
                m_loading = true;
                item->setText(text);
                m_loading = false;
            }
        }
        emit changed();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &FramesEditor::updateButtons);
    connect(m_add, &QToolButton::clicked, this, [this] { addRow(); });
    connect(m_remove, &QToolButton::clicked, this, &FramesEditor::removeCurrent);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(+1); });
    updateButtons();
}

void FramesEditor::setRow(int row, const FrameRow &frame)
{
    auto *kind = new QTableWidgetItem(frame.binary ? tr("Binary") : tr("Text"));
    kind->setData(Qt::UserRole, frame.binary);
    kind->setToolTip(tr("Binary frames are written in base64"));
    kind->setFont(font());
    m_table->setItem(row, 0, kind);
    m_table->setItem(row, 1, new QTableWidgetItem(frame.content));
    m_table->setItem(row, 2, new QTableWidgetItem(frame.delay));
}

QList<FrameRow> FramesEditor::rows() const
{
    QList<FrameRow> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        FrameRow frame;
        frame.binary = m_table->item(row, 0) && m_table->item(row, 0)->data(Qt::UserRole).toBool();
        frame.content = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        frame.delay = m_table->item(row, 2) ? m_table->item(row, 2)->text().trimmed() : QString();
        out.append(frame);
    }
    return out;
}

void FramesEditor::setRows(const QList<FrameRow> &rows)
{
    if (rows == this->rows() || hasFocusWithin(m_table->viewport())) // an open cell editor
        return;
    m_loading = true;
    const int current = m_table->currentRow();
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row)
        setRow(row, rows.at(row));
    if (current >= 0 && current < rows.size())
        m_table->selectRow(current);
    m_loading = false;
    updateButtons();
}

QString FramesEditor::problem() const
{
    const QList<FrameRow> all = rows();
    for (int index = 0; index < all.size(); ++index) {
        const FrameRow &frame = all.at(index);
        QString frameProblem = frame.binary ? base64Problem(frame.content) : QString();
        if (frameProblem.isEmpty())
            frameProblem = delayProblem(frame.delay);
        if (!frameProblem.isEmpty())
            return tr("Frame %1: %2").arg(index + 1).arg(frameProblem);
    }
    return QString();
}

void FramesEditor::addRow(const FrameRow &row)
{
    m_loading = true;
    const int at = m_table->rowCount();
    m_table->insertRow(at);
    setRow(at, row);
    m_loading = false;
    m_table->setCurrentCell(at, 1);
    updateButtons();
    emit changed();
}

void FramesEditor::removeCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    updateButtons();
    emit changed();
}

void FramesEditor::moveCurrent(int delta)
{
    const int row = m_table->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_table->rowCount())
        return;
    QList<FrameRow> all = rows();
    all.swapItemsAt(row, to);
    m_loading = true;
    setRow(row, all.at(row));
    setRow(to, all.at(to));
    m_loading = false;
    m_table->setCurrentCell(to, m_table->currentColumn() < 0 ? 1 : m_table->currentColumn());
    updateButtons();
    emit changed();
}

void FramesEditor::updateButtons()
{
    const int row = m_table->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_table->rowCount());
}

// ---- reply ----

ReplyForm::ReplyForm(bool greeting, QWidget *parent) : QWidget(parent), m_greeting(greeting)
{
    m_form = new QFormLayout;
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    buildReplyFields();
    buildDeliveryFields();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    connectFields();
    m_closeCode->setEnabled(false);
    m_closeReason->setEnabled(false);
    updateVisibility();
}

// What is sent: a text, one binary frame or several frames.
void ReplyForm::buildReplyFields()
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_kind = new QComboBox(this);
    m_kind->addItems({ m_greeting ? tr("Text greeting") : tr("Text response"),
                       tr("One binary frame (base64)"), tr("Several frames") });
    m_kind->setToolTip(tr("response for text, binary for one base64 frame, frames for several"));
    auto *response = new FormTextEdit(this);
    m_response = response;
    m_response->setFont(fixed);
    m_response->setTabChangesFocus(true);
    m_response->setMaximumHeight(140);
    m_response->setPlaceholderText(m_greeting
                                       ? tr("Sent when a client connects (empty: no greeting)")
                                       : tr("The reply; {{…}} inserts values from the message"));
    m_response->setToolTip(m_greeting
                               ? tr("response — the greeting's text; {{ or Ctrl+Space offers "
                                    "placeholders")
                               : tr("response — the reply's text; {{ or Ctrl+Space offers "
                                    "placeholders"));
    response->onFocusOut = [this] { emit committed(); };
    m_placeholders = new PlaceholderCompleter(m_response, [this] {
        return m_placeholderSource
            ? m_placeholderSource()
            : Placeholders::forReply(QString(), Placeholders::Place::Anywhere);
    });
    m_responseRow = Forms::withPlaceholderButton(m_response, m_placeholders, this);
    m_binary = new QLineEdit(this);
    m_binary->setFont(fixed);
    m_binary->setPlaceholderText(tr("AAEC/w=="));
    m_binary->setToolTip(tr("binary — one binary frame, written in base64"));
    m_frames = new FramesEditor(this);
    m_replyProblem = problemLabel(this);
    m_responseKey = new QComboBox(this);
    m_responseKey->setObjectName(QStringLiteral("responseKey"));
    m_responseKey->addItem(QStringLiteral("response"), QStringLiteral("response"));
    m_responseKey->setToolTip(responseKeyTip({}));

    auto *kindLabel = new QLabel(m_greeting ? tr("G&reeting:") : tr("Reply &with:"), this);
    kindLabel->setBuddy(m_kind);
    m_form->addRow(kindLabel, m_kind);
    m_responseLabel = new QLabel(m_greeting ? tr("Te&xt:") : tr("&Response:"), this);
    m_responseLabel->setBuddy(m_response);
    m_form->addRow(m_responseLabel, m_responseRow);
    m_form->addRow(tr("Sent as:"), m_responseKey);
    m_binaryLabel = new QLabel(tr("Base&64:"), this);
    m_binaryLabel->setBuddy(m_binary);
    m_form->addRow(m_binaryLabel, m_binary);
    m_framesLabel = new QLabel(tr("F&rames:"), this);
    m_framesLabel->setBuddy(m_frames->table());
    m_form->addRow(m_framesLabel, m_frames);
    m_form->addRow(m_replyProblem);
}

// Timing & delivery: folded away until used, so the simple case stays simple.
void ReplyForm::buildDeliveryFields()
{
    m_deliveryToggle = new QToolButton(this);
    m_deliveryToggle->setObjectName(QStringLiteral("deliveryToggle"));
    m_deliveryToggle->setText(tr("Timing && delivery"));
    m_deliveryToggle->setCheckable(true);
    m_deliveryToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_deliveryToggle->setArrowType(Qt::RightArrow);
    m_deliveryToggle->setAutoRaise(true);
    m_deliveryToggle->setFocusPolicy(Qt::StrongFocus);
    m_deliveryToggle->setToolTip(tr("Delay, recipients, and closing the connection afterwards"));
    m_form->addRow(m_deliveryToggle);

    m_delivery = new QWidget(this);
    auto *delivery = new QFormLayout(m_delivery);
    delivery->setContentsMargins(16, 0, 0, 0);
    delivery->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_delay = new QLineEdit(m_delivery);
    m_delay->setPlaceholderText(tr("none (e.g. 250ms, 1.5s, 100ms..300ms)"));
    m_delay->setToolTip(m_greeting ? tr("delay — wait this long before the greeting")
                                   : tr("delay — wait this long before replying"));
    m_delayProblem = problemLabel(m_delivery);
    m_to = new QComboBox(m_delivery);
    m_to->addItems(
        { m_greeting ? tr("The new connection") : tr("The sender"),
          tr("Every connection of this endpoint"),
          m_greeting ? tr("Everyone else (someone joined)") : tr("Everyone but the sender") });
    m_to->setToolTip(tr("to — sender (the default), endpoint or others"));
    m_close = new QCheckBox(tr("Close the connect&ion afterwards"), m_delivery);
    m_close->setToolTip(tr("close — close the connection after this reply"));
    m_closeCode = new QSpinBox(m_delivery);
    m_closeCode->setRange(1000, 4999);
    m_closeCode->setValue(1000);
    m_closeCode->setToolTip(tr("close: code — 1000 normal closure; 3000-4999 for applications"));
    m_closeReason = new QLineEdit(m_delivery);
    m_closeReason->setPlaceholderText(tr("reason (optional)"));
    m_closeReason->setToolTip(tr("close: reason — sent with the close code"));
    m_closeProblem = problemLabel(m_delivery);
    layOutDeliveryFields(delivery);
    m_form->addRow(m_delivery);
    setDeliveryShown(false);
}

void ReplyForm::layOutDeliveryFields(QFormLayout *delivery)
{
    auto *delayLabel = new QLabel(tr("Dela&y:"), m_delivery);
    delayLabel->setBuddy(m_delay);
    delivery->addRow(delayLabel, m_delay);
    delivery->addRow(QString(), m_delayProblem);
    auto *toLabel = new QLabel(tr("Send &to:"), m_delivery);
    toLabel->setBuddy(m_to);
    delivery->addRow(toLabel, m_to);
    delivery->addRow(QString(), m_close);
    auto *closeRow = new QHBoxLayout;
    closeRow->setContentsMargins(0, 0, 0, 0);
    auto *codeLabel = new QLabel(tr("C&ode:"), m_delivery);
    codeLabel->setBuddy(m_closeCode);
    auto *reasonLabel = new QLabel(tr("Reason:"), m_delivery);
    reasonLabel->setBuddy(m_closeReason);
    closeRow->addWidget(codeLabel);
    closeRow->addWidget(m_closeCode);
    closeRow->addWidget(reasonLabel);
    closeRow->addWidget(m_closeReason, 1);
    delivery->addRow(QString(), closeRow);
    delivery->addRow(QString(), m_closeProblem);
}

void ReplyForm::connectFields()
{
    auto typed = [this] {
        validate();
        if (!m_loading)
            emit typing();
    };
    auto chosen = [this] {
        validate();
        if (!m_loading)
            emit committed();
    };
    connect(m_deliveryToggle, &QToolButton::toggled, this, [this](bool shown) {
        if (!m_loading)
            m_userExpanded = shown;
        setDeliveryShown(shown);
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this, chosen](int index) {
        if (!m_loading)
            carryContentOver(Kind(index));
        updateVisibility();
        chosen();
    });
    connect(m_response, &QPlainTextEdit::textChanged, this, typed);
    connect(m_responseKey, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_binary, &QLineEdit::textEdited, this, typed);
    connect(m_binary, &QLineEdit::editingFinished, this, chosen);
    connect(m_frames, &FramesEditor::changed, this, chosen);
    connect(m_delay, &QLineEdit::textEdited, this, typed);
    connect(m_delay, &QLineEdit::editingFinished, this, chosen);
    connect(m_to, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_close, &QCheckBox::toggled, this, [this, chosen] {
        m_closeCode->setEnabled(m_close->isChecked());
        m_closeReason->setEnabled(m_close->isChecked());
        chosen();
    });
    connect(m_closeCode, &QSpinBox::valueChanged, this, typed);
    connect(m_closeCode, &QSpinBox::editingFinished, this, chosen);
    connect(m_closeReason, &QLineEdit::textEdited, this, typed);
    connect(m_closeReason, &QLineEdit::editingFinished, this, chosen);
}

// Carries the content over to the kind just chosen, so the switch is a valid change at once.
void ReplyForm::carryContentOver(Kind kind)
{
    if (kind == Kind::Frames && m_frames->rows().isEmpty()) {
        if (!m_binary->text().isEmpty() && m_binary->isVisibleTo(this))
            m_frames->addRow({ true, m_binary->text(), QString() });
        else
            m_frames->addRow({ false, m_response->toPlainText(), QString() });
    } else if (kind == Kind::Binary && m_binary->text().isEmpty()) {
        const QList<FrameRow> rows = m_frames->rows();
        if (!rows.isEmpty() && rows.first().binary)
            m_binary->setText(rows.first().content);
        else
            m_binary->setText(QString::fromLatin1(m_response->toPlainText().toUtf8().toBase64()));
    } else if (kind == Kind::Text && m_response->toPlainText().isEmpty()) {
        const QList<FrameRow> rows = m_frames->rows();
        const auto text = std::find_if(rows.begin(), rows.end(),
                                       [](const FrameRow &row) { return !row.binary; });
        if (text != rows.end())
            m_response->setPlainText(text->content);
    }
}

void ReplyForm::setDeliveryShown(bool shown)
{
    if (m_deliveryToggle->isChecked() != shown)
        m_deliveryToggle->setChecked(shown); // comes back here through toggled
    m_deliveryToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_delivery->setVisible(shown);
}

void ReplyForm::updateVisibility()
{
    const Kind kind = Kind(m_kind->currentIndex());
    m_form->setRowVisible(m_responseRow, kind == Kind::Text);
    m_form->setRowVisible(m_responseKey, kind == Kind::Text && m_responseKey->count() > 1);
    m_form->setRowVisible(m_binary, kind == Kind::Binary);
    m_form->setRowVisible(m_frames, kind == Kind::Frames);
    validate();
}

void ReplyForm::validate()
{
    const Kind kind = Kind(m_kind->currentIndex());
    QString reply;
    if (kind == Kind::Text && m_greeting && m_response->toPlainText().isEmpty()
        && !m_close->isChecked())
        reply = tr("An empty greeting sends nothing: type one, or remove on-connect with the "
                   "Remove button");
    else if (kind == Kind::Binary)
        reply = base64Problem(m_binary->text());
    else if (kind == Kind::Frames && !m_unshownFrames.isEmpty())
        reply = m_unshownFrames;
    else if (kind == Kind::Frames && m_frames->rows().isEmpty())
        reply = tr("Add at least one frame");
    else if (kind == Kind::Frames)
        reply = m_frames->problem();
    showProblem(m_replyProblem, reply);
    showProblem(m_delayProblem, delayProblem(m_delay->text()));
    showProblem(m_closeProblem,
                m_close->isChecked() ? closeProblem(m_closeCode->value(), m_closeReason->text())
                                     : QString());
}

QString ReplyForm::problems() const
{
    QStringList all;
    for (const QLabel *label : { m_replyProblem, m_delayProblem, m_closeProblem }) {
        if (!label->text().isEmpty())
            all.append(label->text());
    }
    return all.join(QLatin1Char('\n'));
}

void ReplyForm::load(const QList<KeyOutline> &written)
{
    m_loading = true;
    const QList<KeyOutline> keys = asResponse(written);
    m_responseKey->setCurrentIndex(
        std::max(0, m_responseKey->findData(writtenResponseKey(written))));
    for (const auto &[key, field] : m_framingNames) {
        const KeyOutline *name = findKey(written, key);
        Forms::setTextUnlessFocused(field, name ? name->value.text : QString());
    }
    const KeyOutline *frames = findKey(keys, QStringLiteral("frames"));
    const KeyOutline *response = findKey(keys, QStringLiteral("response"));
    const KeyOutline *delay = findKey(keys, QStringLiteral("delay"));
    const KeyOutline *to = findKey(keys, QStringLiteral("to"));
    const KeyOutline *close = findKey(keys, QStringLiteral("close"));

    QList<FrameRow> rows;
    const bool shown = !frames || framesFromValue(frames->value, &rows);
    m_unshownFrames = shown
        ? QString()
        : tr("These frames have keys the table cannot show; edit them in the YAML");
    Kind kind = Kind::Text;
    if (frames)
        kind = shown && rows.size() == 1 && rows.first().binary && rows.first().delay.isEmpty()
            ? Kind::Binary
            : Kind::Frames;
    m_kind->setCurrentIndex(int(kind));
    const QString text = response ? response->value.toJson() : QString();
    if (!m_response->hasFocus() && m_response->toPlainText() != text)
        m_response->setPlainText(text);
    const QString binary = kind == Kind::Binary ? rows.first().content : QString();
    if (!m_binary->hasFocus() && m_binary->text() != binary)
        m_binary->setText(binary);
    m_frames->setRows(kind == Kind::Frames ? rows : QList<FrameRow>());
    m_frames->setEnabled(shown);

    const QString delayText = delay && delay->value.isScalar() ? delay->value.text : QString();
    if (!m_delay->hasFocus() && m_delay->text() != delayText)
        m_delay->setText(delayText);
    m_to->setCurrentIndex(audienceIndex(to));
    const Close closing = closeOf(close);
    m_close->setChecked(closing.on);
    if (!m_closeCode->hasFocus())
        m_closeCode->setValue(closing.code);
    if (!m_closeReason->hasFocus() && m_closeReason->text() != closing.reason)
        m_closeReason->setText(closing.reason);
    m_closeCode->setEnabled(closing.on);
    m_closeReason->setEnabled(closing.on);
    setDeliveryShown(delay || to || close || m_userExpanded);
    updateVisibility();
    m_loading = false;
}

// The reply keys as the file has them; null where a key is absent.
struct ReplyKeyOutlines
{
    explicit ReplyKeyOutlines(const QList<KeyOutline> &keys)
        : frames(findKey(keys, QStringLiteral("frames")))
        , response(findKey(keys, QStringLiteral("response")))
        , delay(findKey(keys, QStringLiteral("delay")))
        , to(findKey(keys, QStringLiteral("to")))
        , close(findKey(keys, QStringLiteral("close")))
    { }
    const KeyOutline *frames;
    const KeyOutline *response;
    const KeyOutline *delay;
    const KeyOutline *to;
    const KeyOutline *close;
};

SpecEdits::KeyValues ReplyForm::changes(const QList<KeyOutline> &written) const
{
    const QList<KeyOutline> keys = asResponse(written);
    const ReplyKeyOutlines current(keys);
    SpecEdits::KeyValues out;
    contentChanges(current, &out);
    delayChange(current.delay, &out);
    audienceChange(current.to, &out);
    closeChange(current.close, &out);
    keepSomethingToSay(current, &out);
    respell(written, &out);
    framingNameChanges(written, &out);
    return out;
}

void ReplyForm::setPreset(const QString &name)
{
    const Protocols::Preset *preset = Protocols::presetNamed(name);
    const QString known = preset ? QString::fromLatin1(preset->name) : QString();
    if (known == m_preset)
        return;
    m_preset = known;
    for (const auto &[key, field] : m_framingNames)
        m_form->removeRow(field);
    m_framingNames.clear();
    const QSignalBlocker quiet(m_responseKey);
    while (m_responseKey->count() > 1)
        m_responseKey->removeItem(m_responseKey->count() - 1);
    QStringList framed;
    for (const Protocols::RuleKey &key : preset ? preset->ruleKeys : QList<Protocols::RuleKey>()) {
        const QString keyName = QString::fromLatin1(key.name);
        const QString command = QString::fromLatin1(key.command);
        if (key.role == Protocols::KeyRole::FramingResponse && !m_greeting) {
            m_responseKey->addItem(keyName, keyName);
            framed.append(tr("%1: as a %2").arg(keyName, command));
        } else if (key.role == Protocols::KeyRole::FramingName) {
            auto *field = new QLineEdit(this);
            field->setObjectName(keyName);
            field->setPlaceholderText(tr("none: the preset's usual reply"));
            field->setToolTip(tr("%1 — the reply goes out as a %2 under this name; the response "
                                 "is its payload")
                                  .arg(keyName, command));
            connect(field, &QLineEdit::textEdited, this, [this] {
                if (!m_loading)
                    emit typing();
            });
            connect(field, &QLineEdit::editingFinished, this, [this] {
                if (!m_loading)
                    emit committed();
            });
            // Under the kind of reply: it says how the reply is framed.
            m_form->insertRow(1 + int(m_framingNames.size()), keyName + QLatin1Char(':'), field);
            m_framingNames.emplace_back(keyName, field);
        }
    }
    m_responseKey->setToolTip(responseKeyTip(framed));
    updateVisibility();
}

// The Sent as field's tooltip, with what the preset's response keys do (framed).
QString ReplyForm::responseKeyTip(const QStringList &framed)
{
    const QString usual = tr("response — the key the text response is written under: response "
                             "for the preset's usual reply");
    return framed.isEmpty() ? usual
                            : usual + QStringLiteral("; ") + framed.join(QStringLiteral("; "));
}

QLineEdit *ReplyForm::presetField(const QString &key) const
{
    for (const auto &[name, field] : m_framingNames) {
        if (name == key)
            return field;
    }
    return nullptr;
}

QString ReplyForm::writtenResponseKey(const QList<KeyOutline> &keys) const
{
    for (int index = int(keys.size()) - 1; index >= 0; --index) {
        if (m_responseKey->findData(keys.at(index).name) >= 0)
            return keys.at(index).name;
    }
    return QString();
}

QList<KeyOutline> ReplyForm::asResponse(const QList<KeyOutline> &keys) const
{
    const QString written = writtenResponseKey(keys);
    QList<KeyOutline> renamed = keys;
    for (KeyOutline &key : renamed) {
        if (key.name == written)
            key.name = QStringLiteral("response");
    }
    return renamed;
}

// The changes worked out for response, spelled as the file and the form have it: a removal
// names the key written, a value the key chosen; a text moved to another key is written
// under it and taken from the one it was under.
void ReplyForm::respell(const QList<KeyOutline> &keys, SpecEdits::KeyValues *out) const
{
    const QString response = QStringLiteral("response");
    const QString written = writtenResponseKey(keys);
    const bool text = Kind(m_kind->currentIndex()) == Kind::Text;
    const QString chosen = text ? m_responseKey->currentData().toString() : response;
    auto changes = [out](const QString &key, bool removal) {
        return std::any_of(out->cbegin(), out->cend(), [&](const auto &change) {
            return change.first == key && change.second.isNull() == removal;
        });
    };
    for (auto &[key, value] : *out) {
        if (key == response)
            key = value.isNull() ? (written.isEmpty() ? response : written) : chosen;
    }
    if (!text || written.isEmpty() || written == chosen)
        return;
    if (!changes(chosen, false))
        out->append({ chosen, YamlValue::scalar(m_response->toPlainText()) });
    if (!changes(written, true))
        out->append({ written, YamlValue() });
}

void ReplyForm::framingNameChanges(const QList<KeyOutline> &keys, SpecEdits::KeyValues *out) const
{
    for (const auto &[key, field] : m_framingNames) {
        const KeyOutline *written = findKey(keys, key);
        const QString name = field->text().trimmed();
        if (name != (written ? written->value.text : QString()))
            out->append({ key, name.isEmpty() ? YamlValue() : YamlValue::scalar(name) });
    }
}

void ReplyForm::contentChanges(const ReplyKeyOutlines &current, SpecEdits::KeyValues *out) const
{
    const Kind kind = Kind(m_kind->currentIndex());
    if (kind == Kind::Text) {
        textChanges(current, out);
    } else if (kind == Kind::Binary) {
        const QString base64 = m_binary->text();
        if (base64Problem(base64).isEmpty())
            framesChanges(
                current,
                { { true, QString::fromLatin1(SpecRules::withoutSpaces(base64)), QString() } },
                out);
    } else if (m_unshownFrames.isEmpty()) {
        const QList<FrameRow> rows = m_frames->rows();
        if (!rows.isEmpty() && m_frames->problem().isEmpty())
            framesChanges(current, rows, out);
    }
}

void ReplyForm::textChanges(const ReplyKeyOutlines &current, SpecEdits::KeyValues *out) const
{
    const QString text = m_response->toPlainText();
    // Nothing to say (a rule or greeting that only closes): left as it is.
    if (text.isEmpty() && !current.response && !current.frames)
        return;
    // Left as it is: an empty greeting is no greeting (Remove drops on-connect).
    if (m_greeting && text.isEmpty() && !m_close->isChecked())
        return;
    if (current.frames)
        out->append({ QStringLiteral("frames"), YamlValue() });
    if (m_greeting && text.isEmpty()) {
        if (current.response)
            out->append({ QStringLiteral("response"), YamlValue() });
    } else if (!current.response || current.response->value.toJson() != text) {
        out->append({ QStringLiteral("response"), YamlValue::scalar(text) });
    }
}

void ReplyForm::framesChanges(const ReplyKeyOutlines &current, const QList<FrameRow> &rows,
                              SpecEdits::KeyValues *out) const
{
    QList<FrameRow> currentRows;
    const bool currentShown
        = !current.frames || framesFromValue(current.frames->value, &currentRows);
    if (!current.frames || !currentShown || currentRows != rows)
        out->append({ QStringLiteral("frames"), framesToValue(rows) });
    if (current.response)
        out->append({ QStringLiteral("response"), YamlValue() });
}

void ReplyForm::delayChange(const KeyOutline *delay, SpecEdits::KeyValues *out) const
{
    const QString delayText = m_delay->text().trimmed();
    if (delayText.isEmpty()) {
        if (delay)
            out->append({ QStringLiteral("delay"), YamlValue() });
    } else if (delayProblem(delayText).isEmpty() && (!delay || delay->value.text != delayText)) {
        out->append({ QStringLiteral("delay"), YamlValue::verbatim(delayText) });
    }
}

void ReplyForm::audienceChange(const KeyOutline *to, SpecEdits::KeyValues *out) const
{
    const int audience = m_to->currentIndex();
    if (audience == audienceIndex(to) && !(to && audience == 0))
        return;
    if (audience == 0)
        out->append({ QStringLiteral("to"), YamlValue() });
    else
        out->append({ QStringLiteral("to"),
                      YamlValue::scalar(audience == 1 ? QStringLiteral("endpoint")
                                                      : QStringLiteral("others")) });
}

void ReplyForm::closeChange(const KeyOutline *close, SpecEdits::KeyValues *out) const
{
    if (!m_close->isChecked()) {
        if (close)
            out->append({ QStringLiteral("close"), YamlValue() });
        return;
    }
    const int code = m_closeCode->value();
    const QString reason = m_closeReason->text();
    const Close current = closeOf(close);
    if (!closeProblem(code, reason).isEmpty()
        || (current.on && current.code == code && current.reason == reason))
        return;
    YamlValue value;
    if (!reason.isEmpty())
        value = YamlValue::map(true)
                    .insert(QStringLiteral("code"), YamlValue::verbatim(QString::number(code)))
                    .insert(QStringLiteral("reason"), YamlValue::scalar(reason));
    else
        value = YamlValue::verbatim(code == 1000 ? QStringLiteral("true") : QString::number(code));
    out->append({ QStringLiteral("close"), value });
}

// A reply must still say something: a response, frames or a close. Removals that would leave
// it saying nothing are dropped.
void ReplyForm::keepSomethingToSay(const ReplyKeyOutlines &current, SpecEdits::KeyValues *out)
{
    auto present = [out](const QString &name, const KeyOutline *key) {
        for (const auto &[changed, value] : std::as_const(*out)) {
            if (changed == name)
                return !value.isNull();
        }
        return key != nullptr;
    };
    const bool hadSomething = current.response || current.frames || current.close;
    if (!hadSomething || present(QStringLiteral("response"), current.response)
        || present(QStringLiteral("frames"), current.frames)
        || present(QStringLiteral("close"), current.close))
        return;
    out->erase(std::remove_if(out->begin(), out->end(),
                              [](const auto &change) { return change.second.isNull(); }),
               out->end());
}

// ---- streams ----

namespace {

// The frames as lines when each is a one-line text; otherwise kept as written, not shown.
void readStreamFrames(const YamlValue &value, StreamRow *row)
{
    row->framesValue = value;
    bool plain = value.isList();
    for (const YamlValue &frame : value.items) {
        if (!frame.isScalar() || frame.text.contains(QLatin1Char('\n')) || frame.text.isEmpty())
            plain = false;
        else
            row->frames.append(frame.text);
    }
    row->framesShown = plain;
    if (!plain)
        row->frames.clear();
}

// False when the key is not one the form can show.
bool readStreamKey(const QString &key, const YamlValue &value, StreamRow *row)
{
    if (key == QLatin1String("frames")) {
        readStreamFrames(value, row);
        return true;
    }
    if (!value.isScalar())
        return false;
    if (key == QLatin1String("every"))
        row->every = value.text;
    else if (key == QLatin1String("to"))
        row->toAll = value.text == QLatin1String("all");
    else if (key == QLatin1String("mode"))
        row->once = value.text == QLatin1String("once");
    else
        return false;
    return true;
}

std::optional<StreamRow> streamFromValue(const YamlValue &item)
{
    if (!item.isMap())
        return std::nullopt;
    StreamRow row;
    row.every = QString();
    if (!readKeys(item, &row, readStreamKey))
        return std::nullopt;
    return row;
}

} // namespace

bool streamsFromValue(const YamlValue &value, QList<StreamRow> *rows)
{
    return rowsFromList(value, rows, streamFromValue); // the streams read so far stay in rows
}

YamlValue streamsToValue(const QList<StreamRow> &rows)
{
    QList<YamlValue> items;
    for (const StreamRow &row : rows) {
        YamlValue item = YamlValue::map();
        item.insert(QStringLiteral("every"), YamlValue::verbatim(row.every.trimmed()));
        if (row.toAll)
            item.insert(QStringLiteral("to"), YamlValue::scalar(QStringLiteral("all")));
        if (row.once)
            item.insert(QStringLiteral("mode"), YamlValue::scalar(QStringLiteral("once")));
        if (row.framesShown) {
            item.insert(QStringLiteral("frames"), Forms::textList(row.frames));
        } else {
            item.insert(QStringLiteral("frames"), row.framesValue);
        }
        items.append(item);
    }
    return YamlValue::list(items);
}

StreamsEditor::StreamsEditor(QWidget *parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setMinimumWidth(150);
    m_list->setMaximumHeight(100);
    m_list->setAccessibleName(tr("Streams"));
    m_add = toolButton(QStringLiteral("list-add"), tr("Add stream"), this);
    m_remove = toolButton(QStringLiteral("list-remove"), tr("Remove stream"), this);
    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();

    m_details = new QWidget(this);
    m_every = new QLineEdit(m_details);
    m_every->setPlaceholderText(tr("e.g. 500ms, 2s"));
    m_every->setToolTip(tr("every — the time between two frames"));
    m_to = new QComboBox(m_details);
    m_to->addItems({ tr("Each connection on its own"), tr("All connections at once") });
    m_to->setToolTip(
        tr("to — each: one stream per connection with its own {{counter}}; all: one broadcast "
           "with a shared counter"));
    m_mode = new QComboBox(m_details);
    m_mode->addItems({ tr("Cycle through the frames"), tr("Once, then stop") });
    m_mode->setToolTip(tr("once — stop after the last frame instead of cycling"));
    auto *frames = new FormTextEdit(m_details);
    m_framesText = frames;
    m_framesText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_framesText->setTabChangesFocus(true);
    m_framesText->setPlaceholderText(tr("One frame per line"));
    m_framesText->setToolTip(
        tr("frames — one per line; {{counter}} counts the ticks, {{ or Ctrl+Space offers more"));
    m_framesText->setMinimumHeight(60);
    frames->onFocusOut = [this] { emit committed(); };
    m_framesNote = new QLabel(tr("These frames have delays or binary data; edit them in the YAML"),
                              m_details);
    m_framesNote->setWordWrap(true);
    m_framesNote->hide();
    m_problem = problemLabel(this);
    auto *form = new QFormLayout(m_details);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *everyLabel = new QLabel(tr("Ever&y:"), m_details);
    everyLabel->setBuddy(m_every);
    form->addRow(everyLabel, m_every);
    auto *toLabel = new QLabel(tr("&To:"), m_details);
    toLabel->setBuddy(m_to);
    form->addRow(toLabel, m_to);
    auto *modeLabel = new QLabel(tr("&Mode:"), m_details);
    modeLabel->setBuddy(m_mode);
    form->addRow(modeLabel, m_mode);
    auto *framesLabel = new QLabel(tr("F&rames:"), m_details);
    framesLabel->setBuddy(m_framesText);
    form->addRow(framesLabel, m_framesText);
    form->addRow(m_framesNote);

    m_none = new QLabel(
        tr("None: this endpoint sends frames only in reply. Add one to send frames on a timer."),
        this);
    m_none->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_none, 1);
    top->addWidget(m_list, 1);
    top->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_details);
    layout->addWidget(m_problem);

    connect(m_list, &QListWidget::currentRowChanged, this, &StreamsEditor::showCurrent);
    connect(m_add, &QToolButton::clicked, this, &StreamsEditor::addStream);
    connect(m_remove, &QToolButton::clicked, this, &StreamsEditor::removeCurrent);
    auto typed = [this] {
        storeCurrent();
        if (!m_loading)
            emit typing();
    };
    auto chosen = [this] {
        storeCurrent();
        if (!m_loading)
            emit committed();
    };
    connect(m_every, &QLineEdit::textEdited, this, typed);
    connect(m_every, &QLineEdit::editingFinished, this, chosen);
    connect(m_to, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_mode, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_framesText, &QPlainTextEdit::textChanged, this, typed);
    refreshList();
    showCurrent();
}

QString StreamsEditor::summary(const StreamRow &row)
{
    const int frames = row.framesShown ? int(row.frames.size()) : int(row.framesValue.items.size());
    return tr("every %1 · %2 · %3 · %n frame(s)", nullptr, frames)
        .arg(row.every, row.toAll ? tr("all") : tr("each"), row.once ? tr("once") : tr("cycle"));
}

void StreamsEditor::setRows(const QList<StreamRow> &rows)
{
    if (rows == m_rows || hasFocusWithin(m_details))
        return;
    m_loading = true;
    const int current = m_list->currentRow();
    m_rows = rows;
    refreshList();
    m_list->setCurrentRow(m_rows.isEmpty() ? -1 : std::clamp(current, 0, int(m_rows.size()) - 1));
    m_loading = false;
    showCurrent();
}

void StreamsEditor::refreshList()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    while (m_list->count() > m_rows.size())
        delete m_list->takeItem(m_list->count() - 1);
    for (int index = 0; index < m_rows.size(); ++index) {
        if (index >= m_list->count())
            m_list->addItem(QString());
        m_list->item(index)->setText(summary(m_rows.at(index)));
    }
    m_loading = wasLoading;
    m_list->setVisible(!m_rows.isEmpty());
    m_none->setVisible(m_rows.isEmpty());
    validate();
}

void StreamsEditor::showCurrent()
{
    if (m_loading)
        return;
    const int current = m_list->currentRow();
    const bool any = current >= 0 && current < m_rows.size();
    m_details->setVisible(any && m_editable);
    m_remove->setEnabled(any && m_editable);
    m_loading = true;
    const StreamRow row = any ? m_rows.at(current) : StreamRow();
    if (m_every->text() != (any ? row.every : QString()))
        m_every->setText(any ? row.every : QString());
    m_to->setCurrentIndex(row.toAll ? 1 : 0);
    m_mode->setCurrentIndex(row.once ? 1 : 0);
    const QString frames = any ? row.frames.join(QLatin1Char('\n')) : QString();
    if (m_framesText->toPlainText() != frames)
        m_framesText->setPlainText(frames);
    m_framesText->setReadOnly(!row.framesShown);
    m_framesNote->setVisible(!row.framesShown);
    m_loading = false;
}

void StreamsEditor::storeCurrent()
{
    if (m_loading)
        return;
    const int current = m_list->currentRow();
    if (current < 0 || current >= m_rows.size())
        return;
    StreamRow &row = m_rows[current];
    row.every = m_every->text().trimmed();
    row.toAll = m_to->currentIndex() == 1;
    row.once = m_mode->currentIndex() == 1;
    if (row.framesShown) {
        row.frames.clear();
        for (const QString &line : m_framesText->toPlainText().split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty())
                row.frames.append(line);
        }
    }
    refreshList();
}

QString StreamsEditor::problem() const
{
    for (int index = 0; index < m_rows.size(); ++index) {
        const StreamRow &row = m_rows.at(index);
        QString streamProblem = SpecRules::streamInterval(row.every).problem;
        if (streamProblem.isEmpty() && row.framesShown)
            streamProblem = SpecRules::streamFramesProblem(row.frames.size());
        if (!streamProblem.isEmpty())
            return tr("Stream %1: %2").arg(index + 1).arg(streamProblem);
    }
    return QString();
}

void StreamsEditor::validate()
{
    showProblem(m_problem, problem());
}

void StreamsEditor::setEditable(bool editable)
{
    m_editable = editable;
    m_list->setEnabled(editable);
    m_add->setEnabled(editable);
    m_list->setToolTip(
        editable ? QString()
                 : tr("These streams have keys the form cannot show; edit them in the YAML"));
    showCurrent();
}

void StreamsEditor::addStream()
{
    StreamRow row;
    row.frames = QStringList { QStringLiteral("{\"tick\": {{counter}}}") };
    m_rows.append(row);
    refreshList();
    m_list->setCurrentRow(int(m_rows.size()) - 1);
    emit committed();
}

void StreamsEditor::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows.removeAt(row);
    m_loading = true;
    refreshList();
    m_list->setCurrentRow(m_rows.isEmpty() ? -1 : std::min(row, int(m_rows.size()) - 1));
    m_loading = false;
    showCurrent();
    emit committed();
}
