#include "incomingmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

bool parseJsonContainer(const QString &text, QJsonValue *out)
{
    // Cheap test first: plain text messages ("ping") never reach the JSON parser.
    qsizetype firstNonSpace = 0;
    while (firstNonSpace < text.size() && text.at(firstNonSpace).isSpace())
        ++firstNonSpace;
    if (firstNonSpace == text.size()
        || (text.at(firstNonSpace) != QLatin1Char('{')
            && text.at(firstNonSpace) != QLatin1Char('[')))
        return false;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return false;
    *out = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    return true;
}

const QJsonValue *IncomingMessage::json() const
{
    if (!m_parsed) {
        m_parsed = true;
        m_isJson = parseJsonContainer(m_text, &m_json);
    }
    return m_isJson ? &m_json : nullptr;
}
