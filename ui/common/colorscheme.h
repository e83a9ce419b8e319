#pragma once

#include <QObject>
#include <QPalette>

class QDBusVariant;

// The workbench's light or dark look: the desktop's own (asked of the freedesktop settings
// portal at start and followed when it changes), or the one the user picked.
class ColorScheme : public QObject
{
    Q_OBJECT

public:
    enum class Choice { System, Light, Dark };
    enum class Scheme { Light, Dark };

    explicit ColorScheme(QObject *parent = nullptr);

    Choice choice() const { return m_choice; }
    void setChoice(Choice choice);
    // What the workbench shows now.
    Scheme scheme() const;
    // What the desktop prefers: the portal's answer, else the platform palette's lightness.
    Scheme systemScheme() const { return m_system; }

    // The portal's org.freedesktop.appearance color-scheme: 1 prefers dark, 2 light, 0 (no
    // preference) leaves the fallback.
    static Scheme fromPortalValue(uint value, Scheme fallback);
    static QPalette darkPalette();
    static Scheme schemeOf(const QPalette &palette);

    // The desktop's preference changed to this portal value (the portal's signal lands here).
    void setSystemPortalValue(uint value);

Q_SIGNALS:
    void schemeChanged(ColorScheme::Scheme scheme);

private Q_SLOTS:
    // org.freedesktop.portal.Settings.SettingChanged
    void portalSettingChanged(const QString &group, const QString &key, const QDBusVariant &value);

private:
    void askPortal();
    void apply();

    Choice m_choice = Choice::System;
    QPalette m_platformPalette;
    Scheme m_platformScheme = Scheme::Light;
    Scheme m_system = Scheme::Light;
    Scheme m_applied = Scheme::Light;
};
