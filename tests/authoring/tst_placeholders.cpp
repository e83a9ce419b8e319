#include "placeholders.h"
#include "specoutline.h"

#include <QTest>

namespace {
QString y(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList texts(const QList<Placeholder> &list)
{
    QStringList out;
    for (const Placeholder &placeholder : list)
        out.append(placeholder.text);
    return out;
}

// A chat room with a greeting, a JSON rule, a regex rule and a stream; an HTTP item after it.
QString chatConfig()
{
    return y("- websocket:\n"
             "    path: /ws/chat/:room\n"
             "    on-connect:\n"
             "      response: 'GREETING'\n"
             "    on-message:\n"
             "      - pattern: '{\"type\": \"join\", \"user\": \"{{json-params.user}}\"}'\n"
             "        response: 'JOINED'\n"
             "      - pattern: '(?<cmd>[a-z]+) (?<arg>.*)'\n"
             "        response: 'COMMAND'\n"
             "    streams:\n"
             "      - every: 1s\n"
             "        frames: ['TICK']\n"
             "- endpoint:\n"
             "    method: GET\n"
             "    path: /users/:id\n"
             "    response:\n"
             "      body: 'BODY'\n");
}
} // namespace

class TestPlaceholders : public QObject
{
    Q_OBJECT

private slots:
    void atCursor_data();
    void atCursor();
    void binding_data();
    void binding();
    void everyEntryIsDescribed();
};

void TestPlaceholders::atCursor_data()
{
    QTest::addColumn<QString>("marker");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("absent");

    const QStringList helpers { y("{{now}}"),
                                y("{{uuid}}"),
                                y("{{random 1 100}}"),
                                y("{{query-params.}}"),
                                y("{{header-params.}}"),
                                y("| json"),
                                y("| default ''"),
                                y("| upper") };
    QTest::newRow("greeting") << y("GREETING")
                              << QStringList { y("{{path-params.room}}"), y("{{connection.id}}") }
            + helpers
                              << QStringList { y("{{message}}"), y("{{counter}}"),
                                               y("{{json-params.user}}") };
    QTest::newRow("json rule") << y("JOINED")
                               << QStringList { y("{{path-params.room}}"),
                                                y("{{json-params.user}}"),
                                                y("{{json-params.type}}"), y("{{message}}") }
                               << QStringList { y("{{cmd}}"), y("{{counter}}") };
    QTest::newRow("regex rule") << y("COMMAND")
                                << QStringList { y("{{path-params.room}}"), y("{{cmd}}"),
                                                 y("{{arg}}"), y("{{message}}") }
                                << QStringList { y("{{json-params.user}}") };
    QTest::newRow("stream") << y("TICK")
                            << QStringList { y("{{counter}}"), y("{{path-params.room}}") }
                            << QStringList { y("{{message}}"), y("{{cmd}}") };
    QTest::newRow("http body") << y("BODY")
                               << QStringList { y("{{path-params.id}}"), y("{{json-params.}}") }
                               << QStringList { y("{{path-params.room}}"), y("{{counter}}") };
}

void TestPlaceholders::atCursor()
{
    QFETCH(QString, marker);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);

    const QString yaml = chatConfig();
    const SpecOutline outline = SpecOutline::parse(yaml);
    QVERIFY2(outline.ok(), qPrintable(outline.error()));
    const QStringList offered = texts(Placeholders::at(outline, yaml.indexOf(marker) + 2));
    for (const QString &text : std::as_const(expected))
        QVERIFY2(offered.contains(text),
                 qPrintable(text + y(" missing from ") + offered.join(u' ')));
    for (const QString &text : std::as_const(absent))
        QVERIFY2(!offered.contains(text), qPrintable(text + y(" offered: ") + offered.join(u' ')));
}

void TestPlaceholders::binding_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("expected");

    QTest::newRow("json placeholders and keys")
        << y(R"({"user": "{{json-params.user}}", "room": "{{json-params.room}}"})")
        << y("JSON pattern: binds json-params.user, json-params.room");
    QTest::newRow("json key only")
        << y(R"({"type": "ping"})") << y("JSON pattern: binds json-params.type");
    QTest::newRow("regex group") << y("(?<cmd>[a-z]+)!") << y("regex: binds {{cmd}}");
    QTest::newRow("regex without groups")
        << y("ping|pong") << y("regex: binds nothing (name a group: (?<cmd>…))");
    QTest::newRow("exact text") << y("hello") << y("exact text");
}

void TestPlaceholders::binding()
{
    QFETCH(QString, pattern);
    QFETCH(QString, expected);
    QCOMPARE(Placeholders::binding(pattern), expected);
}

void TestPlaceholders::everyEntryIsDescribed()
{
    const auto list = Placeholders::forReply(y("/ws/:a"), Placeholders::Place::Rule,
                                             y(R"({"x": "{{json-params.x}}"})"));
    QVERIFY(!list.isEmpty());
    for (const Placeholder &placeholder : list)
        QVERIFY2(!placeholder.description.isEmpty(), qPrintable(placeholder.text));
}

QTEST_GUILESS_MAIN(TestPlaceholders)
#include "tst_placeholders.moc"
