#pragma once

#include "ciexport.h"
#include "serveroptions.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

// Everything the workbench keeps between sessions, each under the QSettings key it has always
// had, so an update keeps the user's settings.
class Settings
{
public:
    static constexpr int MaxRecentFiles = 8;

    QByteArray windowGeometry() const;
    bool hasWindowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);
    // The Traffic panel's splits (connections | messages | detail).
    QByteArray trafficSplitterState() const;
    void setTrafficSplitterState(const QByteArray &state);

    // The toolbar's listen address.
    QString host() const;
    void setHost(const QString &host);
    int port() const;
    void setPort(int port);
    bool autoApply() const;
    void setAutoApply(bool on);
    // Appearance: follow the system (0), light (1) or dark (2).
    int colorScheme() const;
    void setColorScheme(int choice);
    int trafficCapacity() const;
    void setTrafficCapacity(int capacity);

    // Most recent first, at most MaxRecentFiles.
    QStringList recentFiles() const;
    void addRecentFile(const QString &path);

    // Server Settings: limits, allowed origins, TLS files. Host and port are the toolbar's
    // and left at their defaults here.
    ServerOptions serverOptions() const;
    void setServerOptions(const ServerOptions &options);

    // Export for CI: the test command and where CI gets mocket-cli (the rest is the config's).
    CiExport ciExport() const;
    void setCiExport(const CiExport &choices);

private:
    QSettings m_settings;
};
