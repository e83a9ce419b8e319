#pragma once

#include <QHash>
#include <QJsonValue>
#include <QString>

// Values bound while matching a pattern: JSON placeholders and regex named groups.
using Bindings = QHash<QString, QJsonValue>;

// A text message received from a client. Its JSON form is parsed on first use and at most
// once, however many patterns and templates look at it.
class IncomingMessage
{
public:
    explicit IncomingMessage(QString text) : m_text(std::move(text)) { }

    const QString &text() const { return m_text; }
    // The message as JSON (object or array), or nullptr when it is not JSON.
    const QJsonValue *json() const;

private:
    QString m_text;
    mutable QJsonValue m_json;
    mutable bool m_parsed = false;
    mutable bool m_isJson = false;
};

// Parses an object or array; anything else (including scalars and broken JSON) gives false.
bool parseJsonContainer(const QString &text, QJsonValue *out);
