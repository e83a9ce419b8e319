#pragma once

#include "mockspec.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

// "Try it": a sample path and message in, which rule matches and the exact reply out,
// worked out from the current config with no client and no running server.
class TryItPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TryItPanel(QWidget *parent = nullptr);

    void setSpec(MockSpecPtr spec);
    void setPath(const QString &pathAndQuery);
    void setMessage(const QString &message);
    // Recomputes now instead of after the short typing delay.
    void update();

    QString summary() const;
    QString reply() const;
    QString greeting() const;

private:
    static QString samplePath(const Endpoint &endpoint);

    MockSpecPtr m_spec;
    QLineEdit *m_path = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_greeting = nullptr;
    QPlainTextEdit *m_reply = nullptr;
    QTimer m_timer;
    bool m_pathTouched = false;
};
