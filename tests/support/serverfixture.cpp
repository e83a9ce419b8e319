#include "serverfixture.h"

#include "specloader.h"
#include "testfiles.h"

namespace {

MockSpecPtr specOrWarning(const LoadResult &result)
{
    if (!result.ok())
        qWarning("%s", qPrintable(result.diagnosticsText()));
    return result.spec;
}

} // namespace

MockSpecPtr specFromYaml(const QString &yaml, const QString &fileName)
{
    return specOrWarning(SpecLoader::loadText(yaml, fileName));
}

MockSpecPtr exampleSpec(const QString &name)
{
    return specOrWarning(SpecLoader::loadFile(examplePath(name)));
}

QUrl serverUrl(const MockServer &server, const QString &pathAndQuery)
{
    return QUrl(server.url().toString() + pathAndQuery);
}

ServerFixture::ServerFixture()
{
    connect(&m_server, &MockServer::trafficEvent, this,
            [this](const TrafficEvent &event) { m_events.append(event); });
}

bool ServerFixture::start(const MockSpecPtr &spec)
{
    if (!spec)
        return false;
    m_server.setSpec(spec);
    return m_server.start(QHostAddress::LocalHost, 0) && m_server.serverPort() != 0;
}

QList<TrafficEvent> ServerFixture::eventsOf(TrafficEvent::Kind kind, quint64 id) const
{
    QList<TrafficEvent> out;
    for (const TrafficEvent &event : m_events) {
        if (event.kind == kind && (id == 0 || event.connectionId == id))
            out.append(event);
    }
    return out;
}

quint64 ServerFixture::newestId() const
{
    const QList<quint64> ids = m_server.connectionIds();
    return ids.isEmpty() ? 0 : ids.constLast();
}
