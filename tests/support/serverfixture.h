#pragma once

#include "mockserver.h"

#include <QList>

// A spec from YAML text, or null (its diagnostics printed as a warning) when it has errors.
MockSpecPtr specFromYaml(const QString &yaml, const QString &fileName = QStringLiteral("t.yml"));
// A bundled example's spec, or null (diagnostics printed) when it has errors.
MockSpecPtr exampleSpec(const QString &name);
// The server's ws:// URL with `pathAndQuery` after it.
QUrl serverUrl(const MockServer &server, const QString &pathAndQuery);

// A MockServer that records every traffic event it emits.
class ServerFixture : public QObject
{
public:
    ServerFixture();

    MockServer &server() { return m_server; }
    const MockServer &server() const { return m_server; }
    // Serves `spec` on 127.0.0.1 at a port the system picks; false when it cannot.
    bool start(const MockSpecPtr &spec);
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &pathAndQuery) const { return serverUrl(m_server, pathAndQuery); }

    const QList<TrafficEvent> &events() const { return m_events; }
    // The events of this kind, only those of connection `id` unless it is 0.
    QList<TrafficEvent> eventsOf(TrafficEvent::Kind kind, quint64 id = 0) const;
    // The most recently opened connection still open; 0 when none is.
    quint64 newestId() const;

private:
    QList<TrafficEvent> m_events;
    MockServer m_server;
};
