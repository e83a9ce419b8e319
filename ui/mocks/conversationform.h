#pragma once

#include "specoutline.h"

#include <QObject>
#include <QString>

#include <vector>

class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QWidget;

// A map of names and values (`set`, `set-shared`, `when-shared`) as the forms show it: one
// "name = value" per line.
struct NamedValue
{
    QString name;
    QString value;
    bool operator==(const NamedValue &other) const
    {
        return name == other.name && value == other.value;
    }
};

// The lines as pairs; problem says what the loader would reject (a line with no '=', a name
// that is not one), empty when all is well.
QList<NamedValue> namedValuesFromText(const QString &text, QString *problem);
// The map as lines; false when some value is not one line of text (the field leaves it to
// the YAML editor).
bool namedValuesFromValue(const YamlValue &value, QList<NamedValue> *pairs);

// The conversation keys of a rule beyond its states: the variables it sets (`set`,
// `set-shared`), the shared values it waits for (`when-shared`), and the stream it starts
// (`start-stream`) or stops (`stop-stream`). The variables' rows go into the form that has
// the states; the streams have a box of their own. Like ReplyForm, it reads the keys from the
// outline and says which should change; values the loader would reject are flagged beside
// their field and not written.
class ConversationFields : public QObject
{
    Q_OBJECT

public:
    ConversationFields(QFormLayout *stateForm, QWidget *parent);

    // The box of the rule's started and stopped streams, to lay out on the rule's page.
    QGroupBox *streamsBox() const { return m_streamsBox; }
    // Shows the keys; presetKey: the rule's endpoint speaks a preset whose streams are keyed
    // by the message's own id, so start-stream's key may be left out.
    void load(const QList<KeyOutline> &keys, const QString &presetKey);
    void changes(const QList<KeyOutline> &keys, SpecEdits::KeyValues *out) const;
    // The messages shown beside the fields, joined; empty when all is well.
    QString problems() const;

    QPlainTextEdit *setField() const { return m_maps.at(0).field; }
    QPlainTextEdit *setSharedField() const { return m_maps.at(1).field; }
    QPlainTextEdit *whenSharedField() const { return m_maps.at(2).field; }
    QGroupBox *startStreamBox() const { return m_startBox; }
    QLineEdit *streamKeyField() const { return m_streamKey; }
    QLineEdit *streamEveryField() const { return m_streamEvery; }
    QPlainTextEdit *streamFramesField() const { return m_streamFrames; }
    QLineEdit *streamCountField() const { return m_streamCount; }
    QLineEdit *streamFinalField() const { return m_streamFinal; }
    QLineEdit *stopStreamField() const { return m_stopStream; }

signals:
    void typing(); // text typed: commit after a pause
    void committed(); // a choice made or a field left: commit now

private:
    struct MapField
    {
        QString key;
        QPlainTextEdit *field = nullptr;
        QLabel *problem = nullptr;
        QString placeholder; // shown while the field is empty
        bool shown = true; // false: the YAML's value is more than the lines can show
    };
    void buildStreamFields(QWidget *parent);
    void connectFields();
    void validate();
    QString streamProblem() const;
    void loadStartStream(const KeyOutline *key);
    void startStreamChange(const KeyOutline *current, SpecEdits::KeyValues *out) const;
    YamlValue startStreamValue() const;

    std::vector<MapField> m_maps;
    QGroupBox *m_streamsBox = nullptr;
    QGroupBox *m_startBox = nullptr;
    QLineEdit *m_streamKey = nullptr;
    QLineEdit *m_streamEvery = nullptr;
    QPlainTextEdit *m_streamFrames = nullptr;
    QLineEdit *m_streamCount = nullptr;
    QLineEdit *m_streamFinal = nullptr;
    QLabel *m_streamNote = nullptr;
    QLabel *m_streamProblem = nullptr;
    QLineEdit *m_stopStream = nullptr;
    QString m_presetKey;
    bool m_startShown = true; // false: start-stream has keys or values the fields cannot show
    bool m_loading = false;
};
