#pragma once

#include "mockspec.h"
#include "tryconversation.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
struct HttpReply;

// "Try it": a sample path and message in, which rule matches and the exact reply out; or a
// sample HTTP request in and the response, pushes and webhook it sets off out. Worked out
// from the current config with no client and no running server.
class TryItPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TryItPanel(QWidget *parent = nullptr);

    // Where the spec comes from: the text as it is, or (while the text has errors) the
    // config the running server serves, or the last valid one when it is stopped.
    enum class SpecSource { CurrentText, Served, LastValid };
    void setSpec(MockSpecPtr spec, SpecSource source = SpecSource::CurrentText);
    void setPath(const QString &pathAndQuery);
    void setMessage(const QString &message);
    // Recomputes now instead of after the short typing delay.
    void update();

    QString summary() const;
    QString reply() const;
    QString greeting() const;
    // The stream the message starts or stops, as shown; empty when none.
    QString streamText() const;
    // When no rule matches: why not, one line per rule of the endpoint.
    QStringList missReasons() const;
    // Which config Try it answers from, when it is not the text as it is; empty otherwise.
    QString sourceNote() const;

    // The simulated connection: each message is tried as its next one, in the state and with
    // the values and sequence counts its earlier messages left. Send hands the message to it
    // (its rule's changes stay); Reset starts a fresh connection.
    void sendMessage();
    void resetConversation();
    const TryConversation &conversation() const { return m_conversation; }
    // "state in · vars.user = ana · shared.market = closed", as the panel shows it.
    QString conversationText() const;

    // The HTTP tab. headers: one "Name: value" per line.
    void setHttpRequest(const QString &method, const QString &target, const QString &headers = {},
                        const QString &body = {});
    void showHttp();
    QString httpSummary() const;
    QString httpResponse() const; // status line, headers and body as the server sends them
    QString httpEffects() const; // the pushes and the webhook the request sets off

private:
    QWidget *makeWebSocketPage();
    QWidget *makeHttpPage();
    void updateWebSocket();
    void updateHttp();
    QString httpOutcome(const HttpReply &reply, const QStringList &badHeaders) const;
    static QString effectsText(const HttpReply &reply);
    static QString samplePath(const PathPattern &path);
    static QString missText(const Rule &rule, const PatternMiss &miss);
    void showMisses(const TryResult &result);
    void showWebSocket(const TryResult &result);
    QString ruleOutcome(const TryResult &result);
    QString presetOutcome(const TryResult &result);
    static QString presetMessageOutcome(const TryResult &result);
    static QString presetFrames(const TryResult &result);
    static QString presetGreeting(const TryResult &result);
    static QString streamLines(const TryResult &result);
    void showConversation();
    // The endpoint the path leads to (null for none) and the message as its client sends it:
    // on a STOMP endpoint ^@ is the NUL that ends a frame.
    const Endpoint *typedEndpoint() const;
    QString typedMessage(const Endpoint *endpoint) const;
    void showMessageHint(const Endpoint *endpoint);

    MockSpecPtr m_spec;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_path = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_source = nullptr;
    QListWidget *m_misses = nullptr;
    QPlainTextEdit *m_greeting = nullptr;
    QFormLayout *m_webSocketForm = nullptr;
    QLabel *m_replyLabel = nullptr;
    QPlainTextEdit *m_reply = nullptr;
    QLabel *m_streamLabel = nullptr;
    QPlainTextEdit *m_stream = nullptr;
    QLabel *m_conversationText = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_reset = nullptr;
    TryConversation m_conversation;
    QComboBox *m_method = nullptr;
    QLineEdit *m_target = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLabel *m_httpSummary = nullptr;
    QPlainTextEdit *m_response = nullptr;
    QPlainTextEdit *m_effects = nullptr;
    QTimer m_timer;
    bool m_pathTouched = false;
    bool m_targetTouched = false;
};
