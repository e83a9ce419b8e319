#include "settings.h"

#include <algorithm>

#include "trafficlog.h"

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString SplitterKey = QStringLiteral("window/splitter");
const QString TrafficSplitterKey = QStringLiteral("traffic/splitters");
const QString HostKey = QStringLiteral("server/host");
const QString PortKey = QStringLiteral("server/port");
const QString AutoApplyKey = QStringLiteral("server/autoApply");
const QString ColorSchemeKey = QStringLiteral("view/colorScheme");
const QString CapacityKey = QStringLiteral("traffic/capacity");
const QString RecentFilesKey = QStringLiteral("recentFiles");
const QString MaxConnectionsKey = QStringLiteral("server/maxConnections");
const QString MaxMessageSizeKey = QStringLiteral("server/maxMessageSize");
const QString AllowedOriginsKey = QStringLiteral("server/allowedOrigins");
const QString MaxBodySizeKey = QStringLiteral("server/maxBodySize");
const QString MaxPendingKey = QStringLiteral("server/maxPendingBytes");
const QString MaxTotalPendingKey = QStringLiteral("server/maxTotalPendingBytes");
const QString CorsKey = QStringLiteral("server/cors");
const QString ControlKey = QStringLiteral("server/control");
const QString ControlTokenKey = QStringLiteral("server/controlToken");
const QString TlsCertificateKey = QStringLiteral("server/tlsCertificate");
const QString TlsKeyKey = QStringLiteral("server/tlsKey");
const QString TestCommandKey = QStringLiteral("export/testCommand");
const QString SourceKey = QStringLiteral("export/source");
const QString ImageKey = QStringLiteral("export/image");
const QString PackageUrlKey = QStringLiteral("export/packageUrl");
} // namespace

QByteArray Settings::windowGeometry() const
{
    return m_settings.value(GeometryKey).toByteArray();
}

bool Settings::hasWindowGeometry() const
{
    return m_settings.contains(GeometryKey);
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(GeometryKey, geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings.value(StateKey).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(StateKey, state);
}

QByteArray Settings::splitterState() const
{
    return m_settings.value(SplitterKey).toByteArray();
}

void Settings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(SplitterKey, state);
}

QByteArray Settings::trafficSplitterState() const
{
    return m_settings.value(TrafficSplitterKey).toByteArray();
}

void Settings::setTrafficSplitterState(const QByteArray &state)
{
    m_settings.setValue(TrafficSplitterKey, state);
}

QString Settings::host() const
{
    return m_settings.value(HostKey, ServerOptions().host).toString();
}

void Settings::setHost(const QString &host)
{
    m_settings.setValue(HostKey, host);
}

int Settings::port() const
{
    return m_settings.value(PortKey, ServerOptions().port).toInt();
}

void Settings::setPort(int port)
{
    m_settings.setValue(PortKey, port);
}

bool Settings::autoApply() const
{
    return m_settings.value(AutoApplyKey, false).toBool();
}

void Settings::setAutoApply(bool on)
{
    m_settings.setValue(AutoApplyKey, on);
}

int Settings::colorScheme() const
{
    return std::clamp(m_settings.value(ColorSchemeKey, 0).toInt(), 0, 2);
}

void Settings::setColorScheme(int choice)
{
    m_settings.setValue(ColorSchemeKey, choice);
}

int Settings::trafficCapacity() const
{
    return m_settings.value(CapacityKey, MessageLogModel::DefaultCapacity).toInt();
}

void Settings::setTrafficCapacity(int capacity)
{
    m_settings.setValue(CapacityKey, capacity);
}

QStringList Settings::recentFiles() const
{
    return m_settings.value(RecentFilesKey).toStringList();
}

void Settings::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    m_settings.setValue(RecentFilesKey, files);
}

ServerOptions Settings::serverOptions() const
{
    ServerOptions options;
    options.maxConnections = m_settings.value(MaxConnectionsKey, 0).toInt();
    options.maxMessageSize
        = m_settings.value(MaxMessageSizeKey, options.maxMessageSize).toLongLong();
    options.allowedOrigins = m_settings.value(AllowedOriginsKey).toStringList();
    options.maxBodySize = m_settings.value(MaxBodySizeKey, options.maxBodySize).toLongLong();
    options.maxPendingBytes = m_settings.value(MaxPendingKey, options.maxPendingBytes).toLongLong();
    options.maxTotalPendingBytes
        = m_settings.value(MaxTotalPendingKey, options.maxTotalPendingBytes).toLongLong();
    options.cors = m_settings.value(CorsKey, options.cors).toBool();
    options.control = m_settings.value(ControlKey, false).toBool();
    options.controlToken = m_settings.value(ControlTokenKey).toString();
    options.tlsCertificate = m_settings.value(TlsCertificateKey).toString();
    options.tlsKey = m_settings.value(TlsKeyKey).toString();
    return options;
}

void Settings::setServerOptions(const ServerOptions &options)
{
    m_settings.setValue(MaxConnectionsKey, options.maxConnections);
    m_settings.setValue(MaxMessageSizeKey, options.maxMessageSize);
    m_settings.setValue(AllowedOriginsKey, options.allowedOrigins);
    m_settings.setValue(MaxBodySizeKey, options.maxBodySize);
    m_settings.setValue(MaxPendingKey, options.maxPendingBytes);
    m_settings.setValue(MaxTotalPendingKey, options.maxTotalPendingBytes);
    m_settings.setValue(CorsKey, options.cors);
    m_settings.setValue(ControlKey, options.control);
    m_settings.setValue(ControlTokenKey, options.controlToken);
    m_settings.setValue(TlsCertificateKey, options.tlsCertificate);
    m_settings.setValue(TlsKeyKey, options.tlsKey);
}

CiExport Settings::ciExport() const
{
    CiExport choices;
    choices.testCommand = m_settings.value(TestCommandKey, choices.testCommand).toString();
    const int source = m_settings.value(SourceKey, int(choices.source)).toInt();
    if (source >= int(CiExport::Source::ContainerImage)
        && source <= int(CiExport::Source::Installed))
        choices.source = CiExport::Source(source);
    choices.image = m_settings.value(ImageKey, choices.image).toString();
    choices.packageUrl = m_settings.value(PackageUrlKey).toString();
    return choices;
}

void Settings::setCiExport(const CiExport &choices)
{
    m_settings.setValue(TestCommandKey, choices.testCommand);
    m_settings.setValue(SourceKey, int(choices.source));
    m_settings.setValue(ImageKey, choices.image);
    m_settings.setValue(PackageUrlKey, choices.packageUrl);
}
