#pragma once

#include <QDialog>
#include <QSslConfiguration>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

// The workbench's server options, the same as mocket-cli's: limits, allowed browser
// origins, and TLS (wss://) with a certificate and key.
struct ServerSettings
{
    int maxConnections = 0; // 0: no limit
    qint64 maxMessageSize = 16 * 1024 * 1024;
    QStringList allowedOrigins; // empty: any
    QString tlsCertificate; // PEM files; both empty: plain ws://
    QString tlsKey;

    static ServerSettings load(); // from QSettings
    void save() const;
    // Reads the TLS files; false with *error when they are set but unusable.
    bool tlsConfiguration(QSslConfiguration *out, QString *error) const;
};

class ServerSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ServerSettingsDialog(const ServerSettings &settings, QWidget *parent = nullptr);
    ServerSettings settings() const;

private:
    void accept() override;
    void browse(QLineEdit *field, const QString &title);

    QSpinBox *m_maxConnections = nullptr;
    QSpinBox *m_maxMessageMiB = nullptr;
    QPlainTextEdit *m_origins = nullptr;
    QLineEdit *m_certificate = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_error = nullptr;
};
