#include "presetmessages.h"

#include <QJsonDocument>

QString graphqlWsSubscribe(const QString &id, const QString &query)
{
    const QJsonObject payload { { QStringLiteral("query"), query } };
    const QJsonObject message { { QStringLiteral("type"), QStringLiteral("subscribe") },
                                { QStringLiteral("id"), id },
                                { QStringLiteral("payload"), payload } };
    return QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObjectOf(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}
