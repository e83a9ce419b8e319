// Inputs the fuzzers found (fuzz/regressions), replayed against the loader, the matcher and
// the template engine: each must finish quickly and behave as documented.
#include "messagepattern.h"
#include "specloader.h"
#include "specoutline.h"
#include "template.h"
#include "testfiles.h"
#include "yamljson.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <functional>

#include <yaml-cpp/yaml.h>

namespace {
QByteArray regression(const char *name)
{
    return readFile(sourcePath(QStringLiteral("fuzz/regressions/") + QLatin1String(name)));
}
constexpr qint64 QuickMs = 2000; // generous for a loaded machine; the bugs were hangs
} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private slots:
    // yaml-cpp's LoadAll looped forever on a lone comma; aliases nested ten deep made the
    // unclosed-quote check walk a billion nodes; a response holding an alias to itself
    // recursed until the stack overflowed.
    void loaderFinishes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("lone comma") << regression("specloader-yamlcpp-loadall-comma");
        QTest::newRow("billion laughs") << regression("specloader-billion-laughs-checkquotes");
        QTest::newRow("alias inside itself") << regression("specloader-self-alias-recursion");
    }
    void loaderFinishes()
    {
        QFETCH(QByteArray, input);
        QVERIFY(!input.isEmpty());
        QElapsedTimer timer;
        timer.start();
        const LoadResult result = SpecLoader::loadData(input, QStringLiteral("f.yml"));
        QVERIFY2(timer.elapsed() < QuickMs, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(result.ok(), !hasErrors(result.diagnostics));
    }

    // A binary rule answers binary messages only: no text (not even its empty pattern's),
    // and its own prefix. The loader's fuzz target took it for a text rule.
    void binaryRuleIsNoTextRule()
    {
        const LoadResult result = SpecLoader::loadData(
            regression("specloader-binary-rule-is-no-text-rule"), QStringLiteral("f.yml"));
        QVERIFY2(result.ok(), qPrintable(result.diagnosticsText()));
        const Endpoint &endpoint = result.spec->endpoints.first();
        QCOMPARE(endpoint.rules.size(), 2);
        Bindings bindings;
        QCOMPARE(endpoint.firstMatch(IncomingMessage(endpoint.rules.first().pattern.source()),
                                     &bindings),
                 nullptr);
        QCOMPARE(endpoint.firstBinaryMatch(QByteArray("\xca\xfe\x01")), &endpoint.rules.at(0));
        QCOMPARE(endpoint.firstBinaryMatch(QByteArray("\x01")), &endpoint.rules.at(1));
    }

    // A pattern holding the private-use characters that mark placeholders looped forever,
    // or posed as a placeholder and matched anything.
    void markerCharactersAreJustText()
    {
        QElapsedTimer timer;
        timer.start();
        const QList<QByteArray> hang = regression("matcher-private-use-marker-hang").split('\0');
        const MessagePattern p1 = MessagePattern::compile(QString::fromUtf8(hang.at(0)));
        QVERIFY(timer.elapsed() < QuickMs);
        QCOMPARE(p1.kind(), MessagePattern::Kind::Json);
        QVERIFY(p1.matches(IncomingMessage(QStringLiteral("[\"\\ue000\"]")), nullptr));
        QVERIFY(!p1.matches(IncomingMessage(QStringLiteral("[\"x\"]")), nullptr));

        const QList<QByteArray> wildcard
            = regression("matcher-private-use-marker-wildcard").split('\0');
        QCOMPARE(wildcard.size(), 2);
        const MessagePattern p2 = MessagePattern::compile(QString::fromUtf8(wildcard.at(0)));
        Bindings bindings;
        QVERIFY(!p2.matches(IncomingMessage(QString::fromUtf8(wildcard.at(1))), &bindings));
        QVERIFY(bindings.isEmpty());
        QVERIFY(p2.matches(IncomingMessage(QString::fromUtf8(wildcard.at(0))),
                           nullptr)); // its own text
    }

    // The workbench's outline recursed forever on an alias inside itself.
    void outlineOfASelfAlias()
    {
        const QByteArray input = regression("specoutline-self-alias-recursion");
        QVERIFY(!input.isEmpty());
        const SpecOutline outline = SpecOutline::parse(QString::fromUtf8(input.split('\0').at(0)));
        QVERIFY(outline.endpoints.size() <= 1); // finished, whatever it found
    }

    // Nine levels of nested aliases: the outline and the loader copy an alias's JSON instead
    // of walking it again, so both stop at their budget at once.
    // Nine levels of nested aliases: a billion values expanded, but each collection is walked
    // once (its JSON reused where an alias names it again), so the budget runs out after a few
    // hundred visits instead of a million. Counted, not timed.
    void outlineOfNestedAliasesIsQuick()
    {
        const QByteArray input = regression("specoutline-billion-laughs-yamltojson");
        QVERIFY(!input.isEmpty());
        const QByteArray text = input.split('\0').at(0);
        const YAML::Node root = YAML::Load(text.toStdString());
        const YAML::Node response = root[0]["websocket"]["on-connect"]["response"];
        QVERIFY(response.IsDefined());
        qint64 budget = 1000000;
        qint64 walked = 0;
        yamlToJson(response, &budget, &walked);
        QVERIFY(budget < 0); // over the budget: far more than a million values
        QVERIFY2(walked < 2000, qPrintable(QString::number(walked)));

        const SpecOutline outline = SpecOutline::parse(QString::fromUtf8(text));
        QVERIFY(outline.ok());
        QCOMPARE(outline.endpoints.size(), 1);
        QVERIFY(outline.endpoints.first().hasGreeting);
        QVERIFY(outline.endpoints.first().greetingValue.isEmpty()); // over the budget
        const LoadResult loaded
            = SpecLoader::loadText(QString::fromUtf8(text), QStringLiteral("f.yml"));
        QVERIFY(!loaded.ok()); // too large, as before
    }

    // Every outline reproducer, replayed as the fuzz target does: the outline reads what the
    // loader reads, quoted() reads back, and each form edit is either refused (a null edit) or
    // gives a text that still reads and says exactly what the edit meant.
    void outlineReproducers_data()
    {
        QTest::addColumn<QByteArray>("input");
        const QStringList names
            = QDir(sourcePath(QStringLiteral("fuzz/regressions")))
                  .entryList({ QStringLiteral("specoutline-*") }, QDir::Files, QDir::Name);
        QVERIFY(names.size() >= 18);
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << regression(qPrintable(name));
    }
    void outlineReproducers()
    {
        QFETCH(QByteArray, input);
        QVERIFY(!input.isEmpty());
        // Fields as the fuzz target splits them: text, value, key-setter choices.
        const QList<QByteArray> fields = input.split('\0');
        const QString yaml = QString::fromUtf8(fields.at(0));
        const QString value = fields.size() > 1 ? QString::fromUtf8(fields.at(1)) : QString();

        const QString greeting
            = QStringLiteral("- websocket:\n    path: /a\n    on-connect:\n      response: ")
            + SpecEdits::quoted(value) + QStringLiteral("\n");
        const LoadResult quotedBlock = SpecLoader::loadText(greeting, QStringLiteral("f.yml"));
        QVERIFY(quotedBlock.ok());
        QCOMPARE(quotedBlock.spec->endpoints.first().greeting->source(), value);
        const SpecOutline quotedFlow
            = SpecOutline::parse(QStringLiteral("- {websocket: {path: /a, on-connect: {response: ")
                                 + SpecEdits::quoted(value, true) + QStringLiteral("}}}\n"));
        QVERIFY(quotedFlow.ok());
        QCOMPARE(quotedFlow.endpoints.first().greetingValue, value);

        const SpecOutline outline = SpecOutline::parse(yaml);
        const LoadResult loaded = SpecLoader::loadText(yaml, QStringLiteral("f.yml"));
        if (!outline.ok()) {
            QVERIFY(!loaded.ok()); // the loader rejects what the outline rejects
            return;
        }
        if (loaded.ok()) {
            QCOMPARE(outline.endpoints.size(), loaded.spec->endpoints.size());
            for (qsizetype e = 0; e < outline.endpoints.size(); ++e) {
                const EndpointOutline &ep = outline.endpoints.at(e);
                QCOMPARE(ep.pathValue, loaded.spec->endpoints.at(e).path.text());
                QCOMPARE(ep.hasGreeting, loaded.spec->endpoints.at(e).greeting.has_value());
                if (ep.hasGreeting)
                    QCOMPARE(ep.greetingValue, loaded.spec->endpoints.at(e).greeting->source());
            }
        }

        const QString v = value.isEmpty() ? QStringLiteral("v") : value;
        struct Tried
        {
            const char *what;
            TextEdit edit;
            std::function<bool(const SpecOutline &)> says;
        };
        QList<Tried> tried;
        const qsizetype endpoints = outline.endpoints.size();
        auto rules
            = [](const SpecOutline &o, qsizetype e) { return o.endpoints.at(e).rules.size(); };
        tried.append({ "addEndpoint", SpecEdits::addEndpoint(yaml, outline, QStringLiteral("/new")),
                       [&](const SpecOutline &o) {
                           return o.endpoints.size() == endpoints + 1
                               && o.endpoints.last().pathValue == QLatin1String("/new");
                       } });
        for (int e = 0; e < endpoints; ++e) {
            tried.append(
                { "setPath", SpecEdits::setPath(yaml, outline, e, v), [&, e](const SpecOutline &o) {
                     return o.endpoints.size() == endpoints && o.endpoints.at(e).pathValue == v;
                 } });
            tried.append({ "setGreeting", SpecEdits::setGreeting(yaml, outline, e, v),
                           [&, e](const SpecOutline &o) {
                               return o.endpoints.size() == endpoints
                                   && o.endpoints.at(e).hasGreeting
                                   && o.endpoints.at(e).greetingValue == v;
                           } });
            tried.append({ "removeGreeting", SpecEdits::setGreeting(yaml, outline, e, QString()),
                           [&, e](const SpecOutline &o) {
                               return o.endpoints.size() == endpoints
                                   && !o.endpoints.at(e).hasGreeting;
                           } });
            tried.append(
                { "removeEndpoint", SpecEdits::removeEndpoint(yaml, outline, e),
                  [&](const SpecOutline &o) { return o.endpoints.size() == endpoints - 1; } });
            tried.append(
                { "duplicateEndpoint", SpecEdits::duplicateEndpoint(yaml, outline, e),
                  [&](const SpecOutline &o) { return o.endpoints.size() == endpoints + 1; } });
            tried.append({ "addRule", SpecEdits::addRule(yaml, outline, e, v, QStringLiteral("r")),
                           [&, e](const SpecOutline &o) {
                               return o.endpoints.size() == endpoints
                                   && rules(o, e) == rules(outline, e) + 1;
                           } });
            for (int r = 0; r < rules(outline, e); ++r) {
                tried.append({ "setRulePattern", SpecEdits::setRulePattern(yaml, outline, e, r, v),
                               [&, e, r](const SpecOutline &o) {
                                   return rules(o, e) == rules(outline, e)
                                       && o.endpoints.at(e).rules.at(r).patternValue == v;
                               } });
                tried.append({ "removeRule", SpecEdits::removeRule(yaml, outline, e, r),
                               [&, e](const SpecOutline &o) {
                                   return rules(o, e) == rules(outline, e) - 1;
                               } });
            }
        }
        for (const Tried &t : std::as_const(tried)) {
            if (t.edit.isNull()) {
                QCOMPARE(SpecEdits::apply(yaml, t.edit), yaml);
                continue;
            }
            const QString result = SpecEdits::apply(yaml, t.edit);
            const SpecOutline after = SpecOutline::parse(result);
            QVERIFY2(after.ok(), t.what);
            QVERIFY2(t.says(after), t.what);
        }
    }

    // The key setters' reproducers: each key setter, with a few values, is refused or gives a
    // text where the keys read back as set and the other keys of that map as before, and
    // setting the same values again changes nothing.
    void keyReproducers_data()
    {
        QTest::addColumn<QByteArray>("input");
        const QStringList names
            = QDir(sourcePath(QStringLiteral("fuzz/regressions")))
                  .entryList({ QStringLiteral("specoutline-keys-*") }, QDir::Files, QDir::Name);
        QVERIFY(names.size() >= 4);
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << regression(qPrintable(name));
    }
    void keyReproducers()
    {
        QFETCH(QByteArray, input);
        const QString yaml = QString::fromUtf8(input.split('\0').at(0));
        const SpecOutline outline = SpecOutline::parse(yaml);
        QVERIFY(outline.ok() && !outline.endpoints.isEmpty());
        const YamlValue null;
        const QList<SpecEdits::KeyValues> sets {
            { { QStringLiteral("delay"), YamlValue::verbatim(QStringLiteral("250ms")) } },
            { { QStringLiteral("frames"),
                YamlValue::list({ YamlValue::scalar(QStringLiteral("x")) }) },
              { QStringLiteral("response"), null } },
            { { QStringLiteral("binary"),
                YamlValue::map().insert(QStringLiteral("hex-prefix"),
                                        YamlValue::scalar(QStringLiteral("cafe"))) },
              { QStringLiteral("pattern"), null } },
            { { QStringLiteral("response"), null },
              { QStringLiteral("delay"), null },
              { QStringLiteral("frames"), null } },
        };
        for (const KeyTarget target :
             { KeyTarget::Rule, KeyTarget::Greeting, KeyTarget::Endpoint }) {
            if (target == KeyTarget::Rule && outline.endpoints.first().rules.isEmpty())
                continue;
            for (const SpecEdits::KeyValues &values : sets) {
                checkKeyEdit(yaml, outline, target, values);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }

private:
    // Where the key reproducers set keys: the first rule, the greeting or the endpoint.
    enum class KeyTarget { Rule, Greeting, Endpoint };

    static TextEdit setKeys(KeyTarget target, const QString &text, const SpecOutline &outline,
                            const SpecEdits::KeyValues &values)
    {
        switch (target) {
        case KeyTarget::Rule:
            return SpecEdits::setRuleKeys(text, outline, 0, 0, values);
        case KeyTarget::Greeting:
            return SpecEdits::setGreetingKeys(text, outline, 0, values);
        case KeyTarget::Endpoint:
            break;
        }
        return SpecEdits::setEndpointKeys(text, outline, 0, values);
    }

    static QList<KeyOutline> keysOf(KeyTarget target, const SpecOutline &outline)
    {
        const EndpointOutline &endpoint = outline.endpoints.first();
        switch (target) {
        case KeyTarget::Rule:
            return endpoint.rules.first().keys;
        case KeyTarget::Greeting:
            return endpoint.onConnectKeys;
        case KeyTarget::Endpoint:
            break;
        }
        return endpoint.keys;
    }

    static bool names(const SpecEdits::KeyValues &values, const QString &key)
    {
        return std::any_of(values.cbegin(), values.cend(),
                           [&key](const auto &value) { return value.first == key; });
    }

    // One key edit of a reproducer: the keys set read as given, every other key of the map
    // reads as before (an endpoint's own keys may be reordered around on-connect), no key
    // appears unasked, and setting the same keys again changes nothing.
    static void checkKeyEdit(const QString &yaml, const SpecOutline &outline, KeyTarget target,
                             const SpecEdits::KeyValues &values)
    {
        const TextEdit edit = setKeys(target, yaml, outline, values);
        if (edit.isNull())
            return;
        const QString result = SpecEdits::apply(yaml, edit);
        const SpecOutline after = SpecOutline::parse(result);
        QVERIFY2(after.ok() && after.endpoints.size() == outline.endpoints.size(),
                 qPrintable(result));
        const QList<KeyOutline> before = keysOf(target, outline), now = keysOf(target, after);
        for (const auto &[name, value] : values) {
            const KeyOutline *key = findKey(now, name);
            QVERIFY2(value.isNull() ? !key : (key && key->value == value),
                     qPrintable(name + QLatin1Char('\n') + result));
        }
        const bool endpointKeys = target == KeyTarget::Endpoint;
        for (const KeyOutline &key : before) {
            if (!names(values, key.name) && !endpointKeys)
                QVERIFY2(findKey(now, key.name) && findKey(now, key.name)->value == key.value,
                         qPrintable(key.name + QLatin1Char('\n') + result));
        }
        for (const KeyOutline &key : now) {
            QVERIFY2(names(values, key.name) || findKey(before, key.name)
                         || (endpointKeys && key.name == QLatin1String("on-connect")),
                     qPrintable(QStringLiteral("'%1' appeared\n").arg(key.name) + result));
        }
        QCOMPARE(SpecEdits::apply(result, setKeys(target, result, after, values)), result);
    }

private slots:
    // A backslash right before a placeholder inside a JSON string: the template is not
    // treated as JSON, so no escaping pretends the result is valid.
    void backslashBeforePlaceholder()
    {
        const QByteArray input = regression("template-backslash-before-placeholder");
        const Template t = Template::compile(QString::fromUtf8(input.split('\0').at(0)));
        QVERIFY(!t.isJson());
        const ParamMap query { { QStringLiteral("q"), QStringLiteral("v") } };
        TemplateContext context;
        context.queryParams = &query;
        QCOMPARE(t.render(context), QStringLiteral("[\"a\\v\"]"));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
