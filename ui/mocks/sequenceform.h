#pragma once

#include "specoutline.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QToolButton;

// Whether a rule answers with one reply or a `sequence:` of them, and the sequence's replies
// (listed; the selected one is edited with the rule's reply form), its `mode` (stick on the
// last reply or cycle) and `per` (counted for each connection or for the endpoint).
class SequenceForm : public QWidget
{
    Q_OBJECT

public:
    explicit SequenceForm(QWidget *parent = nullptr);

    // Shows the rule's sequence (null: the rule has one reply), keeping the selected reply.
    void load(const KeyOutline *sequence);
    // The fields say sequence (though the file may not yet).
    bool isSequence() const;
    // The sequence as written can be shown (each reply a map); false leaves it to the YAML.
    bool isShown() const { return m_shown; }
    // The selected reply's keys, as the reply form reads them.
    QList<KeyOutline> currentKeys() const;
    // The sequence with the selected reply's keys changed so: what the file should hold.
    YamlValue value(const SpecEdits::KeyValues &replyChanges) const;
    // The rule's keys to write to make it a sequence of its one reply (or back: a rule with
    // the sequence's first reply), given the rule's keys as written.
    SpecEdits::KeyValues switchChanges(const QList<KeyOutline> &ruleKeys) const;
    // Selects a reply (the caller has committed the one shown before).
    void setCurrent(int row);
    int current() const { return m_current; }

    QComboBox *kindField() const { return m_kind; }
    QListWidget *list() const { return m_list; }
    QComboBox *modeField() const { return m_mode; }
    QComboBox *perField() const { return m_per; }
    void addReply();
    void removeCurrent();
    void moveCurrent(int delta);

signals:
    void committed(); // a choice made: commit now
    void aboutToEdit(); // the list is about to change: commit what the reply form holds first
    void replyShown(); // another reply is selected: the reply form shows it
    // The user picked another reply in the list (row): the caller commits, then setCurrent.
    void replyChosen(int row);

private:
    void refreshList();
    void updateVisibility();
    YamlValue sequenceValue(const QList<YamlValue> &replies) const;

    QComboBox *m_kind = nullptr;
    QWidget *m_details = nullptr;
    QListWidget *m_list = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    QComboBox *m_mode = nullptr;
    QComboBox *m_per = nullptr;
    QLabel *m_note = nullptr;
    QList<YamlValue> m_replies;
    int m_current = 0;
    bool m_shown = true;
    bool m_loading = false;
};
