#pragma once

#include "placeholders.h"
#include "specoutline.h"

#include <QWidget>

#include <functional>
#include <vector>

class PlaceholderCompleter;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QToolButton;
struct ReplyKeyOutlines;

// One frame of a "frames:" list as the forms show it.
struct FrameRow
{
    bool binary = false;
    QString content; // text (a template) or base64
    QString delay; // empty: none

    bool operator==(const FrameRow &other) const
    {
        return binary == other.binary && content == other.content && delay == other.delay;
    }
};

// A "frames:" value as rows; false when some frame is not one the forms can show.
bool framesFromValue(const YamlValue &value, QList<FrameRow> *rows);
YamlValue framesToValue(const QList<FrameRow> &rows);
// What the loader would say about a delay, or an empty string when it is fine.
QString delayProblem(const QString &text);
QString base64Problem(const QString &text);

// A small table of frames (text or binary, content, delay) with add, remove and reorder.
class FramesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit FramesEditor(QWidget *parent = nullptr);

    QList<FrameRow> rows() const;
    // Leaves the table alone while the user is editing it.
    void setRows(const QList<FrameRow> &rows);
    // The first problem the loader would report, or an empty string.
    QString problem() const;
    QTableWidget *table() const { return m_table; }
    void addRow(const FrameRow &row = FrameRow());
    void removeCurrent();
    void moveCurrent(int delta);

signals:
    void changed();

private:
    void setRow(int row, const FrameRow &frame);
    void updateButtons();

    QTableWidget *m_table = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    bool m_loading = false;
};

// The reply of a rule or of on-connect: a text response, one binary frame or several frames,
// and when and to whom it goes (delay, audience, close). It reads the keys from the outline
// and says which keys should change; fields the loader would reject are shown with the
// loader's message and left out.
class ReplyForm : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Text, Binary, Frames };
    explicit ReplyForm(bool greeting, QWidget *parent = nullptr);

    // Shows the keys (fields with focus keep what the user is typing).
    void load(const QList<KeyOutline> &keys);
    // The keys that should change for the form to be what the file says, valid ones only.
    SpecEdits::KeyValues changes(const QList<KeyOutline> &keys) const;

    QComboBox *kindField() const { return m_kind; }
    QPlainTextEdit *responseField() const { return m_response; }
    QLineEdit *binaryField() const { return m_binary; }
    FramesEditor *framesEditor() const { return m_frames; }
    QLineEdit *delayField() const { return m_delay; }
    QComboBox *toField() const { return m_to; }
    QCheckBox *closeField() const { return m_close; }
    QSpinBox *closeCodeField() const { return m_closeCode; }
    QLineEdit *closeReasonField() const { return m_closeReason; }
    QToolButton *deliveryToggle() const { return m_deliveryToggle; }
    // On a preset endpoint (name: its `protocol:`; empty for none), the preset's reply keys
    // from its registry: a field per key that names the reply's framing (socket.io `emit`,
    // STOMP `send-to`) and, in a rule, the key the text response is written under
    // (`response`, or socket.io `ack`, graphql-ws `error`). Rebuilt only when it changes.
    void setPreset(const QString &name);
    // The field of a framing name key (emit, send-to); null when the preset has none.
    QLineEdit *presetField(const QString &key) const;
    QComboBox *responseKeyField() const { return m_responseKey; }
    // The messages shown next to the fields, joined; empty when all is well.
    QString problems() const;
    // Where the placeholders offered for the response come from (the endpoint and rule shown).
    void setPlaceholderSource(const std::function<QList<Placeholder>()> &source)
    {
        m_placeholderSource = source;
    }
    PlaceholderCompleter *placeholderCompleter() const { return m_placeholders; }

signals:
    void typing(); // text typed: commit after a pause
    void committed(); // a choice made: commit now

private:
    void buildReplyFields();
    void buildDeliveryFields();
    void layOutDeliveryFields(QFormLayout *delivery);
    void connectFields();
    void carryContentOver(Kind kind);
    void updateVisibility();
    void validate();
    void setDeliveryShown(bool shown);

    // The steps of changes(), one per group of keys.
    void contentChanges(const ReplyKeyOutlines &current, SpecEdits::KeyValues *out) const;
    void textChanges(const ReplyKeyOutlines &current, SpecEdits::KeyValues *out) const;
    void framesChanges(const ReplyKeyOutlines &current, const QList<FrameRow> &rows,
                       SpecEdits::KeyValues *out) const;
    void delayChange(const KeyOutline *delay, SpecEdits::KeyValues *out) const;
    void audienceChange(const KeyOutline *to, SpecEdits::KeyValues *out) const;
    void closeChange(const KeyOutline *close, SpecEdits::KeyValues *out) const;
    static void keepSomethingToSay(const ReplyKeyOutlines &current, SpecEdits::KeyValues *out);
    // The key the keys hold the text response under: response, a preset's, or none.
    QString writtenResponseKey(const QList<KeyOutline> &keys) const;
    // The keys with a preset's response key spelled response, as the fields read them.
    QList<KeyOutline> asResponse(const QList<KeyOutline> &keys) const;
    void respell(const QList<KeyOutline> &keys, SpecEdits::KeyValues *out) const;
    static QString responseKeyTip(const QStringList &framed);
    void framingNameChanges(const QList<KeyOutline> &keys, SpecEdits::KeyValues *out) const;

    bool m_greeting = false;
    bool m_loading = false;
    bool m_userExpanded = false; // the user unfolded Timing & delivery
    QFormLayout *m_form = nullptr;
    QComboBox *m_kind = nullptr;
    QPlainTextEdit *m_response = nullptr;
    QWidget *m_responseRow = nullptr; // the response and its "Insert placeholder" button
    PlaceholderCompleter *m_placeholders = nullptr;
    std::function<QList<Placeholder>()> m_placeholderSource;
    QLineEdit *m_binary = nullptr;
    FramesEditor *m_frames = nullptr;
    QLabel *m_responseLabel = nullptr;
    QLabel *m_binaryLabel = nullptr;
    QLabel *m_framesLabel = nullptr;
    QLabel *m_replyProblem = nullptr;
    QToolButton *m_deliveryToggle = nullptr;
    QWidget *m_delivery = nullptr;
    QLineEdit *m_delay = nullptr;
    QLabel *m_delayProblem = nullptr;
    QComboBox *m_to = nullptr;
    QCheckBox *m_close = nullptr;
    QSpinBox *m_closeCode = nullptr;
    QLineEdit *m_closeReason = nullptr;
    QLabel *m_closeProblem = nullptr;
    QString m_unshownFrames; // frames the table cannot show: kept as they are
    QString m_preset; // the preset whose keys the preset fields are
    std::vector<std::pair<QString, QLineEdit *>> m_framingNames;
    QComboBox *m_responseKey = nullptr;
};

// One stream of an endpoint as the form shows it.
struct StreamRow
{
    QString every = QStringLiteral("1s");
    bool toAll = false;
    bool once = false;
    QStringList frames;
    bool framesShown = true; // false: frames with delays or binary ones, kept as written
    YamlValue framesValue; // as written, when not shown

    bool operator==(const StreamRow &other) const
    {
        return every == other.every && toAll == other.toAll && once == other.once
            && frames == other.frames && framesShown == other.framesShown
            && (framesShown || framesValue == other.framesValue);
    }
};

bool streamsFromValue(const YamlValue &value, QList<StreamRow> *rows);
YamlValue streamsToValue(const QList<StreamRow> &rows);

// The streams of an endpoint: a list, and the selected stream's interval, audience, mode
// and frames (one per line).
class StreamsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit StreamsEditor(QWidget *parent = nullptr);

    void setRows(const QList<StreamRow> &rows);
    QList<StreamRow> rows() const { return m_rows; }
    QString problem() const;
    void setEditable(bool editable);

    QListWidget *list() const { return m_list; }
    QLineEdit *everyField() const { return m_every; }
    QComboBox *toField() const { return m_to; }
    QComboBox *modeField() const { return m_mode; }
    QPlainTextEdit *framesField() const { return m_framesText; }
    void addStream();
    void removeCurrent();

signals:
    void typing();
    void committed();

private:
    void showCurrent();
    void storeCurrent();
    void refreshList();
    void validate();
    static QString summary(const StreamRow &row);

    QList<StreamRow> m_rows;
    QListWidget *m_list = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QWidget *m_details = nullptr;
    QLineEdit *m_every = nullptr;
    QComboBox *m_to = nullptr;
    QComboBox *m_mode = nullptr;
    QPlainTextEdit *m_framesText = nullptr;
    QLabel *m_framesNote = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_none = nullptr;
    bool m_loading = false;
    bool m_editable = true;
};
