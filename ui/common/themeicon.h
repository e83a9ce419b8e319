#pragma once

#include <QIcon>
#include <QString>

// The desktop theme's icon of this name, or the bundled one (resources/icons/NAME.svg) where
// the theme has none.
inline QIcon themeIcon(const QString &name)
{
    return QIcon::fromTheme(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
}
