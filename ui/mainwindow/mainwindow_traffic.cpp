// What the Traffic panel asks of the workbench: a rule made of a message, mocks made of the
// traffic, and recording from a real server.
#include "mainwindow.h"

#include "mockspanel.h"
#include "pathpattern.h"
#include "recorddialog.h"
#include "recordingwindow.h"
#include "trafficpanel.h"
#include "yamleditor.h"

#include <QStatusBar>

namespace {
// The endpoint that serves path: the one whose path is written so, else the first whose
// pattern matches it; -1 when none does.
int endpointServing(const SpecOutline &outline, const QString &path)
{
    for (qsizetype i = 0; i < outline.endpoints.size(); ++i) {
        if (outline.endpoints.at(i).pathValue == path)
            return int(i);
    }
    for (qsizetype i = 0; i < outline.endpoints.size(); ++i) {
        const std::optional<PathPattern> pattern
            = PathPattern::parse(outline.endpoints.at(i).pathValue);
        if (pattern && pattern->match(path))
            return int(i);
    }
    return -1;
}

YamlValue frameValue(const MockGenerator::DraftFrame &frame)
{
    if (!frame.binary && frame.delayMs == 0)
        return YamlValue::scalar(frame.text);
    YamlValue item = YamlValue::map();
    if (frame.binary)
        item.insert(QStringLiteral("binary"),
                    YamlValue::scalar(QString::fromLatin1(frame.data.toBase64())));
    else
        item.insert(QStringLiteral("response"), YamlValue::scalar(frame.text));
    if (frame.delayMs > 0)
        item.insert(QStringLiteral("delay"),
                    YamlValue::verbatim(MockGenerator::durationText(frame.delayMs)));
    return item;
}

// The keys that say the reply beyond the response addRule writes: a delay, or the frames.
SpecEdits::KeyValues replyKeys(const QList<MockGenerator::DraftFrame> &replies)
{
    if (replies.isEmpty())
        return {};
    const MockGenerator::DraftFrame &first = replies.constFirst();
    if (replies.size() == 1 && !first.binary) {
        if (first.delayMs == 0)
            return {};
        return { { QStringLiteral("delay"),
                   YamlValue::verbatim(MockGenerator::durationText(first.delayMs)) } };
    }
    QList<YamlValue> frames;
    for (const MockGenerator::DraftFrame &frame : replies)
        frames.append(frameValue(frame));
    return { { QStringLiteral("response"), YamlValue() },
             { QStringLiteral("frames"), YamlValue::list(frames) } };
}

// The steps that add the draft as rule `rule` of `endpoint`.
QList<SpecEdits::Step> ruleSteps(int endpoint, int rule, const MockGenerator::RuleDraft &draft)
{
    const bool binary = draft.matchKey == QLatin1String("binary");
    const bool oneText = draft.replies.size() == 1 && !draft.replies.constFirst().binary;
    const QString response = oneText ? draft.replies.constFirst().text : QString();
    const QString pattern = binary ? QStringLiteral("binary") : draft.pattern;
    QList<SpecEdits::Step> steps;
    steps.append([=](const QString &yaml, const SpecOutline &outline) {
        return SpecEdits::addRule(yaml, outline, endpoint, pattern, response);
    });
    if (binary) {
        YamlValue match = YamlValue::verbatim(QStringLiteral("any"));
        if (!draft.pattern.isEmpty()) {
            match = YamlValue::map(true);
            match.insert(QStringLiteral("hex-prefix"), YamlValue::scalar(draft.pattern));
        }
        steps.append([=](const QString &yaml, const SpecOutline &outline) {
            return SpecEdits::setRuleMatch(yaml, outline, endpoint, rule, QStringLiteral("binary"),
                                           match);
        });
    }
    const SpecEdits::KeyValues keys = replyKeys(draft.replies);
    if (!keys.isEmpty()) {
        steps.append([=](const QString &yaml, const SpecOutline &outline) {
            return SpecEdits::setRuleKeys(yaml, outline, endpoint, rule, keys);
        });
    }
    return steps;
}
} // namespace

void MainWindow::createRuleFromTraffic(const QString &path, const MockGenerator::RuleDraft &draft)
{
    validateNow();
    const SpecOutline &outline = m_document->outline();
    QList<SpecEdits::Step> steps;
    int endpoint = endpointServing(outline, path);
    if (endpoint < 0) {
        endpoint = int(outline.endpoints.size());
        steps.append([path](const QString &yaml, const SpecOutline &current) {
            return SpecEdits::addEndpoint(yaml, current, path);
        });
    }
    const int rule = endpoint < outline.endpoints.size()
        ? int(outline.endpoints.at(endpoint).rules.size())
        : 0;
    steps += ruleSteps(endpoint, rule, draft);
    applyEdit(
        [steps](const QString &yaml, const SpecOutline &current) {
            return SpecEdits::inSequence(yaml, current, steps);
        },
        { MocksPanel::ItemType::Rule, endpoint, rule });
}

bool MainWindow::openMocksFromTraffic(const QList<TrafficEvent> &events, const QString &source)
{
    const MockGenerator::Result generated = MockGenerator::generate(events, source);
    if (generated.endpoints == 0) {
        statusBar()->showMessage(tr("No WebSocket conversation in this traffic to make mocks of."),
                                 8000);
        return false;
    }
    if (!maybeSave())
        return false;
    setDocumentText(generated.yaml, QString(), false);
    // A new document with something in it: closing asks before it is lost.
    m_editor->document()->setModified(true);
    statusBar()->showMessage(
        tr("Made mocks with %n rule(s); save them to keep them.", nullptr, generated.rules), 8000);
    return true;
}

void MainWindow::recordFromServer()
{
    RecordDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (RecordingWindow *window
        = startRecording(dialog.upstream(), dialog.port(), dialog.certificate()))
        window->show();
}

RecordingWindow *MainWindow::startRecording(const QUrl &upstream, quint16 port,
                                            UpstreamCertificate certificate)
{
    auto *window = new RecordingWindow(upstream, certificate, this);
    if (!window->listen(port)) {
        statusBar()->showMessage(
            tr("Cannot record on port %1: %2").arg(port).arg(window->errorString()), 10000);
        delete window;
        return nullptr;
    }
    connect(window->trafficPanel(), &TrafficPanel::ruleRequested, this,
            &MainWindow::createRuleFromTraffic);
    connect(window->trafficPanel(), &TrafficPanel::mocksRequested, this,
            &MainWindow::openMocksFromTraffic);
    return window;
}
