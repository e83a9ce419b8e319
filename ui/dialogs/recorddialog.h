#pragma once

#include "upstreamrelay.h"

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Record from a server: the real server to record (its ws:// or wss:// URL), the local port
// the app connects to instead, and whether a self-signed upstream certificate is accepted.
class RecordDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RecordDialog(QWidget *parent = nullptr);

    QLineEdit *upstreamField() const { return m_upstream; }
    QSpinBox *portField() const { return m_port; }
    QCheckBox *selfSignedField() const { return m_selfSigned; }

    QUrl upstream() const;
    quint16 port() const;
    UpstreamCertificate certificate() const;
    // Why the URL cannot be recorded from; empty when it can.
    QString problem() const;

private:
    void accept() override;

    QLineEdit *m_upstream = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_selfSigned = nullptr;
    QLabel *m_error = nullptr;
};
