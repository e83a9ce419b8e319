#pragma once

#include <QJsonObject>
#include <QString>

// Client messages of the protocol presets, written as their clients write them, and the
// server's answers read back.

// A graphql-transport-ws subscribe of `query` under operation id `id`.
QString graphqlWsSubscribe(const QString &id, const QString &query);
// The JSON object a frame holds; empty when it holds none.
QJsonObject jsonObjectOf(const QString &text);
