#include "colorscheme.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QStyle>

namespace {
const QString PortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString PortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString PortalSettings = QStringLiteral("org.freedesktop.portal.Settings");
const QString AppearanceGroup = QStringLiteral("org.freedesktop.appearance");
const QString ColorSchemeKey = QStringLiteral("color-scheme");

// The portal wraps its value in one or two variants, depending on its version.
uint unwrap(QVariant value)
{
    while (value.userType() == qMetaTypeId<QDBusVariant>())
        value = value.value<QDBusVariant>().variant();
    return value.toUInt();
}
} // namespace

ColorScheme::ColorScheme(QObject *parent)
    : QObject(parent)
    , m_platformPalette(QApplication::palette())
    , m_platformScheme(schemeOf(m_platformPalette))
    , m_system(m_platformScheme)
    , m_applied(m_platformScheme)
{
    askPortal();
}

void ColorScheme::setChoice(Choice choice)
{
    m_choice = choice;
    apply();
}

ColorScheme::Scheme ColorScheme::scheme() const
{
    switch (m_choice) {
    case Choice::Light:
        return Scheme::Light;
    case Choice::Dark:
        return Scheme::Dark;
    case Choice::System:
        break;
    }
    return m_system;
}

ColorScheme::Scheme ColorScheme::fromPortalValue(uint value, Scheme fallback)
{
    if (value == 1)
        return Scheme::Dark;
    if (value == 2)
        return Scheme::Light;
    return fallback;
}

ColorScheme::Scheme ColorScheme::schemeOf(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? Scheme::Dark : Scheme::Light;
}

QPalette ColorScheme::darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor disabled(0x80, 0x84, 0x8a);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x50));
    palette.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x41));
    palette.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x29));
    palette.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x58, 0x9d, 0xf6));
    palette.setColor(QPalette::LinkVisited, QColor(0xa7, 0x8b, 0xfa));
    for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

void ColorScheme::setSystemPortalValue(uint value)
{
    m_system = fromPortalValue(value, m_platformScheme);
    apply();
}

void ColorScheme::portalSettingChanged(const QString &group, const QString &key,
                                       const QDBusVariant &value)
{
    if (group == AppearanceGroup && key == ColorSchemeKey)
        setSystemPortalValue(unwrap(value.variant()));
}

void ColorScheme::askPortal()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    // QtDBus connects signals by signature only.
    bus.connect(PortalService, PortalPath, PortalSettings, QStringLiteral("SettingChanged"), this,
                SLOT(portalSettingChanged(QString, QString, QDBusVariant)));
    QDBusMessage read = QDBusMessage::createMethodCall(PortalService, PortalPath, PortalSettings,
                                                       QStringLiteral("Read"));
    read << AppearanceGroup << ColorSchemeKey;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(read, 2000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *call) {
                const QDBusPendingReply<QDBusVariant> reply = *call;
                if (!reply.isError() && m_choice == Choice::System)
                    setSystemPortalValue(unwrap(reply.argumentAt(0)));
                call->deleteLater();
            });
}

void ColorScheme::apply()
{
    const Scheme wanted = scheme();
    if (wanted == m_platformScheme)
        QApplication::setPalette(m_platformPalette);
    else if (wanted == Scheme::Dark)
        QApplication::setPalette(darkPalette());
    else
        QApplication::setPalette(QApplication::style()->standardPalette());
    if (wanted != m_applied) {
        m_applied = wanted;
        Q_EMIT schemeChanged(wanted);
    }
}
