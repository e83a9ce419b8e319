#include "mockspec.h"
#include "pathpattern.h"
#include "specloader.h"

#include <QTest>

class TestPathPattern : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseError_data();
    void parseError();
    void match_data();
    void match();
    void matchDecodedSegments();
    void splitPath_data();
    void splitPath();
    void sameShape_data();
    void sameShape();
    void route_data();
    void route();
};

void TestPathPattern::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("segments");
    QTest::addColumn<QStringList>("params");

    QTest::newRow("root") << QStringLiteral("/") << 1 << QStringList();
    QTest::newRow("literal") << QStringLiteral("/ws/echo") << 2 << QStringList();
    QTest::newRow("trailing slash") << QStringLiteral("/ws/echo/") << 3 << QStringList();
    QTest::newRow("one param") << QStringLiteral("/ws/user/:username") << 3
                               << QStringList { QStringLiteral("username") };
    QTest::newRow("two params") << QStringLiteral("/ws/:room/:user") << 3
                                << QStringList { QStringLiteral("room"), QStringLiteral("user") };
    QTest::newRow("colon inside a segment is literal")
        << QStringLiteral("/ws/a:b") << 2 << QStringList();
}

void TestPathPattern::parse()
{
    QFETCH(QString, text);
    QFETCH(int, segments);
    QFETCH(QStringList, params);

    QString error = QStringLiteral("untouched");
    const auto pattern = PathPattern::parse(text, &error);
    QVERIFY2(pattern.has_value(), qPrintable(error));
    QCOMPARE(pattern->text(), text);
    QCOMPARE(pattern->segmentCount(), segments);
    QCOMPARE(pattern->parameterNames(), params);
}

void TestPathPattern::parseError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QString() << QStringLiteral("path '' must start with '/'");
    QTest::newRow("no leading slash")
        << QStringLiteral("ws/echo") << QStringLiteral("path 'ws/echo' must start with '/'");
    QTest::newRow("param without leading slash")
        << QStringLiteral(":id") << QStringLiteral("path ':id' must start with '/'");
    QTest::newRow("colon without name, last")
        << QStringLiteral("/ws/:")
        << QStringLiteral("path '/ws/:' has a ':' segment without a name");
    QTest::newRow("colon without name, middle")
        << QStringLiteral("/ws/:/x")
        << QStringLiteral("path '/ws/:/x' has a ':' segment without a name");
    QTest::newRow("duplicate param")
        << QStringLiteral("/ws/:id/x/:id")
        << QStringLiteral("path '/ws/:id/x/:id' names parameter 'id' twice");
    QTest::newRow("query") << QStringLiteral("/ws/echo?x=1")
                           << QStringLiteral(
                                  "path '/ws/echo?x=1' must not contain a query or fragment");
    QTest::newRow("bare question mark")
        << QStringLiteral("/ws/echo?")
        << QStringLiteral("path '/ws/echo?' must not contain a query or fragment");
    QTest::newRow("fragment") << QStringLiteral("/ws/echo#top")
                              << QStringLiteral(
                                     "path '/ws/echo#top' must not contain a query or fragment");
}

void TestPathPattern::parseError()
{
    QFETCH(QString, text);
    QFETCH(QString, error);

    QString actual;
    QVERIFY(!PathPattern::parse(text, &actual).has_value());
    QCOMPARE(actual, error);
    // A null error pointer is allowed.
    QVERIFY(!PathPattern::parse(text).has_value());
}

void TestPathPattern::match_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("matches");
    QTest::addColumn<ParamMap>("params");

    const auto p = [](const QString &k, const QString &v) { return ParamMap { { k, v } }; };

    QTest::newRow("literal") << QStringLiteral("/ws/echo") << QStringLiteral("/ws/echo") << true
                             << ParamMap();
    QTest::newRow("literal differs")
        << QStringLiteral("/ws/echo") << QStringLiteral("/ws/ech") << false << ParamMap();
    QTest::newRow("case sensitive")
        << QStringLiteral("/ws/echo") << QStringLiteral("/WS/echo") << false << ParamMap();
    QTest::newRow("trailing slash in request only")
        << QStringLiteral("/ws/echo") << QStringLiteral("/ws/echo/") << false << ParamMap();
    QTest::newRow("trailing slash in pattern only")
        << QStringLiteral("/ws/echo/") << QStringLiteral("/ws/echo") << false << ParamMap();
    QTest::newRow("trailing slash on both")
        << QStringLiteral("/ws/echo/") << QStringLiteral("/ws/echo/") << true << ParamMap();
    QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("/") << true << ParamMap();
    QTest::newRow("root vs segment")
        << QStringLiteral("/") << QStringLiteral("/ws") << false << ParamMap();
    QTest::newRow("fewer segments")
        << QStringLiteral("/ws/echo") << QStringLiteral("/ws") << false << ParamMap();
    QTest::newRow("more segments")
        << QStringLiteral("/ws/echo") << QStringLiteral("/ws/echo/x") << false << ParamMap();
    QTest::newRow("param") << QStringLiteral("/ws/user/:username")
                           << QStringLiteral("/ws/user/alice") << true
                           << p(QStringLiteral("username"), QStringLiteral("alice"));
    QTest::newRow("param percent-decoded")
        << QStringLiteral("/ws/user/:username") << QStringLiteral("/ws/user/J%C3%BAlia%20B") << true
        << p(QStringLiteral("username"), QStringLiteral("Júlia B"));
    QTest::newRow("param with encoded slash stays one segment")
        << QStringLiteral("/ws/user/:username") << QStringLiteral("/ws/user/a%2Fb") << true
        << p(QStringLiteral("username"), QStringLiteral("a/b"));
    QTest::newRow("plus is not a space in a path")
        << QStringLiteral("/ws/user/:username") << QStringLiteral("/ws/user/a+b") << true
        << p(QStringLiteral("username"), QStringLiteral("a+b"));
    QTest::newRow("param does not span segments")
        << QStringLiteral("/ws/user/:username") << QStringLiteral("/ws/user/a/b") << false
        << ParamMap();
    QTest::newRow("empty segment never binds a param")
        << QStringLiteral("/ws/user/:username") << QStringLiteral("/ws/user/") << false
        << ParamMap();
    QTest::newRow("empty middle segment never binds a param")
        << QStringLiteral("/ws/:room/chat") << QStringLiteral("/ws//chat") << false << ParamMap();
    QTest::newRow("two params") << QStringLiteral("/ws/:room/:user")
                                << QStringLiteral("/ws/lobby/bob") << true
                                << ParamMap { { QStringLiteral("room"), QStringLiteral("lobby") },
                                              { QStringLiteral("user"), QStringLiteral("bob") } };
    QTest::newRow("literal after param must match")
        << QStringLiteral("/ws/:room/chat") << QStringLiteral("/ws/lobby/talk") << false
        << ParamMap();
    QTest::newRow("encoded literal in request")
        << QStringLiteral("/ws/hello world") << QStringLiteral("/ws/hello%20world") << true
        << ParamMap();
    QTest::newRow("encoded literal in pattern")
        << QStringLiteral("/ws/hello%20world") << QStringLiteral("/ws/hello world") << true
        << ParamMap();
    QTest::newRow("encoded unreserved letter")
        << QStringLiteral("/ws/echo") << QStringLiteral("/ws/%65cho") << true << ParamMap();
}

void TestPathPattern::match()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QFETCH(bool, matches);
    QFETCH(ParamMap, params);

    const auto compiled = PathPattern::parse(pattern);
    QVERIFY(compiled.has_value());
    const std::optional<ParamMap> result = compiled->match(path);
    QCOMPARE(result.has_value(), matches);
    if (matches)
        QCOMPARE(*result, params);
}

void TestPathPattern::matchDecodedSegments()
{
    const auto pattern = PathPattern::parse(QStringLiteral("/ws/user/:username"));
    QVERIFY(pattern.has_value());
    // Already-decoded segments are not decoded a second time.
    const auto result = pattern->match(
        QStringList { QStringLiteral("ws"), QStringLiteral("user"), QStringLiteral("100%25") });
    QVERIFY(result.has_value());
    QCOMPARE(result->value(QStringLiteral("username")), QStringLiteral("100%25"));
    QVERIFY(!pattern->match(QStringList { QStringLiteral("ws"), QStringLiteral("user") }));
}

void TestPathPattern::splitPath_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QStringList>("segments");

    QTest::newRow("root") << QStringLiteral("/") << QStringList { QString() };
    QTest::newRow("two") << QStringLiteral("/ws/echo")
                         << QStringList { QStringLiteral("ws"), QStringLiteral("echo") };
    QTest::newRow("trailing slash and encoding")
        << QStringLiteral("/a/b%20c/")
        << QStringList { QStringLiteral("a"), QStringLiteral("b c"), QString() };
    QTest::newRow("utf-8") << QStringLiteral("/J%C3%BAlia")
                           << QStringList { QStringLiteral("Júlia") };
}

void TestPathPattern::splitPath()
{
    QFETCH(QString, raw);
    QFETCH(QStringList, segments);
    QCOMPARE(PathPattern::splitPath(raw), segments);
}

void TestPathPattern::sameShape_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");

    QTest::newRow("identical") << QStringLiteral("/ws/echo") << QStringLiteral("/ws/echo") << true;
    QTest::newRow("param names differ")
        << QStringLiteral("/a/:x") << QStringLiteral("/a/:y") << true;
    QTest::newRow("param vs literal") << QStringLiteral("/a/:x") << QStringLiteral("/a/b") << false;
    QTest::newRow("literal vs param") << QStringLiteral("/a/b") << QStringLiteral("/a/:x") << false;
    QTest::newRow("different literal") << QStringLiteral("/a/b") << QStringLiteral("/a/c") << false;
    QTest::newRow("trailing slash") << QStringLiteral("/a") << QStringLiteral("/a/") << false;
    QTest::newRow("segment count")
        << QStringLiteral("/a/:x") << QStringLiteral("/a/:x/:y") << false;
    QTest::newRow("params in different places")
        << QStringLiteral("/:x/b") << QStringLiteral("/a/:y") << false;
    QTest::newRow("encoded literal equals decoded")
        << QStringLiteral("/a/b%20c") << QStringLiteral("/a/b c") << true;
}

void TestPathPattern::sameShape()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);

    const auto pa = PathPattern::parse(a);
    const auto pb = PathPattern::parse(b);
    QVERIFY(pa && pb);
    QCOMPARE(pa->sameShape(*pb), same);
    QCOMPARE(pb->sameShape(*pa), same);
}

void TestPathPattern::route_data()
{
    QTest::addColumn<QStringList>("paths"); // endpoints in declaration order
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("expected"); // path of the endpoint that should serve it; empty: none
    QTest::addColumn<ParamMap>("params");

    const QString id = QStringLiteral("/ws/:id");
    const QString me = QStringLiteral("/ws/me");
    const ParamMap none;

    QTest::newRow("param first, literal request")
        << QStringList { id, me } << QStringLiteral("/ws/me") << me << none;
    QTest::newRow("param first, other request")
        << QStringList { id, me } << QStringLiteral("/ws/42") << id
        << ParamMap { { QStringLiteral("id"), QStringLiteral("42") } };
    QTest::newRow("literal first, literal request")
        << QStringList { me, id } << QStringLiteral("/ws/me") << me << none;
    QTest::newRow("literal first, other request")
        << QStringList { me, id } << QStringLiteral("/ws/42") << id
        << ParamMap { { QStringLiteral("id"), QStringLiteral("42") } };
    QTest::newRow("encoded literal request still literal")
        << QStringList { id, me } << QStringLiteral("/ws/%6De") << me << none;
    QTest::newRow("earliest literal wins")
        << QStringList { QStringLiteral("/ws/:room/me"), QStringLiteral("/ws/lobby/:user") }
        << QStringLiteral("/ws/lobby/me") << QStringLiteral("/ws/lobby/:user")
        << ParamMap { { QStringLiteral("user"), QStringLiteral("me") } };
    QTest::newRow("trailing slash selects its own endpoint")
        << QStringList { QStringLiteral("/ws/echo"), QStringLiteral("/ws/echo/") }
        << QStringLiteral("/ws/echo/") << QStringLiteral("/ws/echo/") << none;
    QTest::newRow("no match") << QStringList { id, me } << QStringLiteral("/ws") << QString()
                              << none;
    QTest::newRow("empty segment is no match")
        << QStringList { id } << QStringLiteral("/ws/") << QString() << none;
    // Routes of other lengths in the list must not hide the literal one.
    QTest::newRow("literal beats param among routes of other lengths")
        << QStringList { QStringLiteral("/ws/health"), QStringLiteral("/ws/user/:name"),
                         QStringLiteral("/ws/user"), QStringLiteral("/ws/user/me") }
        << QStringLiteral("/ws/user/me") << QStringLiteral("/ws/user/me") << none;
    QTest::newRow("literal beats param among routes of other lengths, reversed")
        << QStringList { QStringLiteral("/ws/health"), QStringLiteral("/ws/user/me"),
                         QStringLiteral("/ws/user"), QStringLiteral("/ws/user/:name") }
        << QStringLiteral("/ws/user/me") << QStringLiteral("/ws/user/me") << none;
}

void TestPathPattern::route()
{
    QFETCH(QStringList, paths);
    QFETCH(QString, request);
    QFETCH(QString, expected);
    QFETCH(ParamMap, params);

    QString yaml;
    for (const QString &path : std::as_const(paths))
        yaml += QStringLiteral("- websocket:\n    path: \"%1\"\n").arg(path);
    const LoadResult result = SpecLoader::loadText(yaml, QStringLiteral("mocks.yml"));
    QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
    QVERIFY2(result.diagnostics.isEmpty(), qPrintable(result.diagnosticsText()));
    QCOMPARE(result.spec->endpoints.size(), paths.size());

    ParamMap actual { { QStringLiteral("stale"), QStringLiteral("value") } };
    const Endpoint *endpoint = result.spec->route(request, &actual);
    if (expected.isEmpty()) {
        QVERIFY2(!endpoint, qPrintable(endpoint ? endpoint->path.text() : QString()));
        return;
    }
    QVERIFY(endpoint);
    QCOMPARE(endpoint->path.text(), expected);
    QCOMPARE(actual, params);
    QCOMPARE(result.spec->endpoints.at(result.spec->endpointIndex(endpoint)).path.text(), expected);
    // A null params pointer is allowed.
    QCOMPARE(result.spec->route(request), endpoint);
}

QTEST_GUILESS_MAIN(TestPathPattern)
#include "tst_pathpattern.moc"
