#pragma once

#include "mockspec.h"
#include "placeholders.h"
#include "specoutline.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class ConversationFields;
class HttpEndpointForm;
class PlaceholderCompleter;
class ReplyForm;
class SequenceForm;
class StreamsEditor;

// A form edit, worked out against the YAML text and its outline at the moment it is applied.
using SpecEditFunction = std::function<TextEdit(const QString &yaml, const SpecOutline &outline)>;

// Point-and-click authoring: a tree of endpoints (websocket ones with their on-connect and
// rules, HTTP ones with their method) in file order, with add, remove,
// duplicate and reorder, and forms for the selected item. Every change is requested as a
// small text edit of the YAML (editRequested), so the editor stays the one source of truth,
// comments elsewhere survive, and undo works from the editor.
class MocksPanel : public QWidget
{
    Q_OBJECT

public:
    // Http: an "endpoint:" item; its Selection::endpoint indexes SpecOutline::httpEndpoints.
    enum class ItemType { None, Endpoint, Greeting, Rule, Http };
    struct Selection
    {
        ItemType type = ItemType::None;
        int endpoint = -1;
        int rule = -1;
    };

    explicit MocksPanel(QWidget *parent = nullptr);

    // A reply in a few words: "pong", "3 frames", with the delay, audience and close when
    // there are (the tree's rows, a sequence's replies).
    static QString replySummary(const QList<KeyOutline> &keys);

    // Shows the outline of the current text; keeps the selection and does not overwrite a
    // field the user is typing in. While the text is no YAML the forms cannot edit it: the
    // last valid outline stays, greyed, under a banner that says which line to fix.
    void setOutline(const SpecOutline &outline);
    // Drops the outline kept from another text (a file opened in place of this one).
    void forgetOutline();
    // The banner shown while the text has a syntax error; empty otherwise.
    QString staleText() const;
    Selection selection() const;
    void select(const Selection &selection);
    // Says the selected item's line (lineSelected), for the editor to show it.
    void revealSelection();
    QTreeWidget *tree() const { return m_tree; }

    // The forms, as a user would fill them (tests and keyboard users).
    QLineEdit *pathField() const { return m_path; }
    QPlainTextEdit *greetingField() const { return m_greeting; }
    // The endpoint's fallback reply: on-unmatched's response.
    QPlainTextEdit *fallbackField() const { return m_fallback; }
    QPlainTextEdit *patternField() const { return m_pattern; }
    QPlainTextEdit *responseField() const;
    QString patternKindText() const;
    // What a rule matches: a text pattern, any binary message, or binary ones by prefix.
    enum class MatchKind { Pattern, AnyBinary, HexPrefix, Base64Prefix };
    QComboBox *matchKindField() const { return m_matchKind; }
    QLineEdit *binaryPrefixField() const { return m_binaryPrefix; }
    // The rule's when-state (names separated by commas) and set-state.
    QLineEdit *whenStateField() const { return m_whenState; }
    // On a preset endpoint, the rule's field for one of the preset's selecting keys
    // (graphql-ws `operation`, `query`); null when the shown rule's endpoint has no such key.
    QLineEdit *selectorField(const QString &key) const;
    QLineEdit *setStateField() const { return m_setState; }
    QCheckBox *enabledField() const { return m_ruleEnabled; }
    // The rule's set, set-shared, when-shared, start-stream and stop-stream.
    ConversationFields *conversationFields() const { return m_conversation; }
    // One reply or a sequence of them, and the sequence's replies, mode and per.
    SequenceForm *sequenceForm() const { return m_sequence; }
    QString matchProblem() const;
    ReplyForm *ruleReplyForm() const { return m_ruleReply; }
    ReplyForm *greetingForm() const { return m_greetingReply; }
    QLineEdit *subprotocolsField() const { return m_subprotocols; }
    // The endpoint's `protocol:`: none, or one of the presets by name.
    QComboBox *protocolField() const { return m_protocol; }
    StreamsEditor *streamsEditor() const { return m_streams; }
    HttpEndpointForm *httpForm() const { return m_httpForm; }
    QToolButton *addEndpointButton() const { return m_addEndpoint; }
    // Commits whatever the forms hold now (instead of waiting for the typing pause).
    void commitForms();

    void addEndpoint();
    void addHttpEndpoint();
    void addRule();
    void removeSelected();
    void duplicateSelected();
    void moveSelected(int delta);

signals:
    void editRequested(const SpecEditFunction &edit, const MocksPanel::Selection &selectAfter);
    // 1-based line of the selected item, for the editor to follow.
    void lineSelected(int line);

private:
    void rebuildTree();
    void addWebSocketRow(int endpointIndex);
    void addHttpRow(int httpIndex);
    void commitHttpForm();
    void onSelectionChanged();
    // The top-level row of the selection's endpoint (websocket or HTTP).
    QTreeWidgetItem *topLevelRow(const Selection &selection) const;
    void showForms();
    void showRuleForm(const EndpointOutline &endpoint, const Selection &before);
    void showEndpointForm(const EndpointOutline &endpoint);
    void updateKind();
    QList<Placeholder> placeholders(Placeholders::Place place) const;
    PlaceholderCompleter *placeholdersFor(QPlainTextEdit *field, Placeholders::Place place);
    using Pending = QList<SpecEditFunction>;
    void commitPath();
    void pathEdit(const EndpointOutline &endpoint, Pending *pending) const;
    void greetingEdit(const EndpointOutline &endpoint, Pending *pending) const;
    void fallbackEdit(const EndpointOutline &endpoint, SpecEdits::KeyValues *values) const;
    void endpointKeysEdit(const EndpointOutline &endpoint, Pending *pending) const;
    void greetingKeysEdit(const EndpointOutline &endpoint, Pending *pending) const;
    void matchEdit(const RuleOutline &rule, Pending *pending) const;
    void ruleKeysEdit(const RuleOutline &rule, Pending *pending) const;
    SpecEdits::KeyValues replyChanges(const RuleOutline &rule) const;
    void showSequenceReply();
    void stateKeys(const RuleOutline &rule, SpecEdits::KeyValues *values) const;
    void selectorKeys(const RuleOutline &rule, SpecEdits::KeyValues *values) const;
    // The fields of the preset's selecting keys, for the endpoint's `protocol:` (none
    // without one); rebuilt only when the preset changes.
    void showSelectors(const EndpointOutline &endpoint, const RuleOutline &rule);
    void emitEdits(const Pending &pending);
    void updateMatch();
    // The forms' item while they show it (the tree's selection may already be elsewhere).
    const EndpointOutline *shownEndpoint() const;
    const RuleOutline *shownRule() const;
    void updateButtons();
    void showStale(const SpecOutline &current);
    // Commits the forms, then the selection when it is on an endpoint (or its greeting or a rule).
    std::optional<Selection> selectionToEdit();

    SpecOutline m_outline;
    QTreeWidget *m_tree = nullptr;
    QStackedWidget *m_forms = nullptr;
    QLineEdit *m_path = nullptr;
    QPlainTextEdit *m_greeting = nullptr;
    QPlainTextEdit *m_fallback = nullptr;
    QPlainTextEdit *m_pattern = nullptr;
    QLabel *m_kind = nullptr;
    QComboBox *m_matchKind = nullptr;
    QLineEdit *m_binaryPrefix = nullptr;
    QLineEdit *m_whenState = nullptr;
    QLineEdit *m_setState = nullptr;
    QFormLayout *m_matchForm = nullptr;
    QString m_selectorPreset; // the preset whose keys the selector fields are
    std::vector<std::pair<QString, QLineEdit *>> m_selectors;
    QLabel *m_matchProblem = nullptr;
    QCheckBox *m_ruleEnabled = nullptr;
    ConversationFields *m_conversation = nullptr;
    SequenceForm *m_sequence = nullptr;
    ReplyForm *m_ruleReply = nullptr;
    ReplyForm *m_greetingReply = nullptr;
    QLabel *m_greetingTitle = nullptr;
    QLineEdit *m_subprotocols = nullptr;
    QComboBox *m_protocol = nullptr;
    StreamsEditor *m_streams = nullptr;
    HttpEndpointForm *m_httpForm = nullptr;
    Selection m_shown; // what the forms show
    QLabel *m_endpointTitle = nullptr;
    QLabel *m_ruleTitle = nullptr;
    QToolButton *m_addEndpoint = nullptr;
    QToolButton *m_addRule = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_duplicate = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    QLabel *m_staleBanner = nullptr;
    QList<std::pair<QToolButton *, QString>> m_buttonTips; // each button's own tooltip
    QTimer m_commitTimer;
    bool m_rebuilding = false;
};

Q_DECLARE_METATYPE(MocksPanel::Selection)
