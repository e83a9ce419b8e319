#include "conversationform.h"

#include "formhelpers.h"
#include "formtextedit.h"
#include "mockspec.h"
#include "specrules.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using Forms::problemLabel;
using Forms::showProblem;

namespace {

// A line of text the forms can show as it is: no line break inside.
bool isOneLine(const YamlValue &value)
{
    return value.isScalar() && !value.text.contains(QLatin1Char('\n'));
}

QStringList linesOf(const QString &text)
{
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            lines.append(line);
    }
    return lines;
}

// The start-stream keys the fields show, as written; nullopt when it has more than that.
struct StartStream
{
    QString key;
    QString every;
    QStringList frames;
    QString count;
    QString final;
    bool operator==(const StartStream &other) const
    {
        return key == other.key && every == other.every && frames == other.frames
            && count == other.count && final == other.final;
    }
};

bool readStartStreamKey(const QString &name, const YamlValue &value, StartStream *stream)
{
    if (name == QLatin1String("frames")) {
        if (!value.isList())
            return false;
        for (const YamlValue &frame : value.items) {
            if (!isOneLine(frame) || frame.text.isEmpty())
                return false;
            stream->frames.append(frame.text);
        }
        return true;
    }
    if (!isOneLine(value))
        return false;
    const std::pair<const char *, QString *> fields[] = {
        { "key", &stream->key },
        { "every", &stream->every },
        { "count", &stream->count },
        { "final", &stream->final },
    };
    for (const auto &[key, into] : fields) {
        if (name == QLatin1String(key)) {
            *into = value.text;
            return true;
        }
    }
    return false;
}

std::optional<StartStream> startStreamOf(const YamlValue &value)
{
    if (!value.isMap())
        return std::nullopt;
    StartStream stream;
    if (!Forms::readKeys(value, &stream, readStartStreamKey))
        return std::nullopt;
    return stream;
}

} // namespace

QList<NamedValue> namedValuesFromText(const QString &text, QString *problem)
{
    QList<NamedValue> pairs;
    problem->clear();
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QString &line = lines.at(index);
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0) {
            *problem = ConversationFields::tr("Line %1: write name = value").arg(index + 1);
            return {};
        }
        const NamedValue pair { line.left(equals).trimmed(), line.mid(equals + 1).trimmed() };
        const QString nameProblem = SpecRules::conversationNameProblem(pair.name);
        if (!nameProblem.isEmpty()) {
            *problem = ConversationFields::tr("Line %1: %2").arg(index + 1).arg(nameProblem);
            return {};
        }
        pairs.append(pair);
    }
    if (pairs.size() > Conversation::MaxVariables)
        *problem = ConversationFields::tr("%1 values: at most %2 are kept")
                       .arg(pairs.size())
                       .arg(Conversation::MaxVariables);
    return pairs;
}

bool namedValuesFromValue(const YamlValue &value, QList<NamedValue> *pairs)
{
    pairs->clear();
    if (!value.isMap())
        return false;
    for (qsizetype i = 0; i < value.keys.size() && i < value.items.size(); ++i) {
        if (!isOneLine(value.items.at(i)))
            return false;
        pairs->append({ value.keys.at(i), value.items.at(i).text });
    }
    return true;
}

ConversationFields::ConversationFields(QFormLayout *stateForm, QWidget *parent) : QObject(parent)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const std::pair<QString, QString> maps[] = {
        { QStringLiteral("set"),
          tr("set — variables of the connection, one name = value per line; the value is a "
             "template, read as {{vars.name}}") },
        { QStringLiteral("set-shared"),
          tr("set-shared — values every connection of the endpoint sees, one name = value per "
             "line; read as {{shared.name}}") },
        { QStringLiteral("when-shared"),
          tr("when-shared — the rule answers only while these shared values are set so, one "
             "name = value per line") },
    };
    const QString labels[] = { tr("Set:"), tr("Set shared:"), tr("When shared:") };
    const QString placeholders[]
        = { tr("none (e.g. user = {{json-params.user}})"), tr("none (e.g. market = closed)"),
            tr("any values (e.g. market = closed)") };
    for (int index = 0; index < 3; ++index) {
        MapField map;
        map.key = maps[index].first;
        auto *field = new FormTextEdit(parent);
        field->setObjectName(map.key);
        field->setFont(fixed);
        field->setTabChangesFocus(true);
        field->setMaximumHeight(60);
        field->setPlaceholderText(placeholders[index]);
        field->setToolTip(maps[index].second);
        field->onFocusOut = [this] { emit committed(); };
        map.field = field;
        map.placeholder = placeholders[index];
        map.problem = problemLabel(parent);
        stateForm->addRow(labels[index], field);
        stateForm->addRow(QString(), map.problem);
        m_maps.push_back(map);
    }
    buildStreamFields(parent);
    connectFields();
}

void ConversationFields::buildStreamFields(QWidget *parent)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_streamsBox = new QGroupBox(tr("Streams started and stopped"), parent);
    m_startBox = new QGroupBox(tr("Start a stream"), m_streamsBox);
    m_startBox->setObjectName(QStringLiteral("startStream"));
    m_startBox->setCheckable(true);
    m_startBox->setChecked(false);
    m_startBox->setToolTip(tr("start-stream — runs a stream for the sender's connection under a "
                              "key; its frames see the message's values and {{counter}}"));
    m_streamKey = new QLineEdit(m_startBox);
    m_streamKey->setFont(fixed);
    m_streamKey->setToolTip(tr("key — names the stream (a template), so that stop-stream can "
                               "stop it; starting a key that runs restarts it"));
    m_streamEvery = new QLineEdit(m_startBox);
    m_streamEvery->setPlaceholderText(tr("1s (e.g. 200ms)"));
    m_streamEvery->setToolTip(tr("every — the time between two frames, at least 10ms"));
    auto *frames = new FormTextEdit(m_startBox);
    frames->onFocusOut = [this] { emit committed(); };
    m_streamFrames = frames;
    m_streamFrames->setObjectName(QStringLiteral("streamFrames"));
    m_streamFrames->setFont(fixed);
    m_streamFrames->setTabChangesFocus(true);
    m_streamFrames->setMaximumHeight(60);
    m_streamFrames->setPlaceholderText(tr("One frame per line"));
    m_streamFrames->setToolTip(tr("frames — one per line, sent in turn; {{counter}} counts "
                                  "them from 1"));
    m_streamCount = new QLineEdit(m_startBox);
    m_streamCount->setPlaceholderText(tr("until stopped"));
    m_streamCount->setToolTip(tr("count — stop after this many frames"));
    m_streamFinal = new QLineEdit(m_startBox);
    m_streamFinal->setFont(fixed);
    m_streamFinal->setPlaceholderText(tr("none"));
    m_streamFinal->setToolTip(tr("final — sent once the count is reached"));
    m_streamNote = new QLabel(
        tr("This start-stream has keys the fields cannot show; edit it in the YAML"), m_startBox);
    m_streamNote->setWordWrap(true);
    m_streamNote->hide();
    m_streamProblem = problemLabel(m_startBox);
    auto *start = new QFormLayout(m_startBox);
    start->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    start->addRow(tr("Key:"), m_streamKey);
    start->addRow(tr("Every:"), m_streamEvery);
    start->addRow(tr("Frames:"), m_streamFrames);
    start->addRow(tr("Count:"), m_streamCount);
    start->addRow(tr("Final:"), m_streamFinal);
    start->addRow(m_streamNote);
    start->addRow(m_streamProblem);
    m_stopStream = new QLineEdit(m_streamsBox);
    m_stopStream->setObjectName(QStringLiteral("stopStream"));
    m_stopStream->setFont(fixed);
    m_stopStream->setPlaceholderText(tr("none"));
    m_stopStream->setToolTip(
        tr("stop-stream — stops the sender's stream of this key (a template) at once, with no "
           "final frame"));
    auto *stop = new QFormLayout;
    stop->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    stop->addRow(tr("Stop the stream:"), m_stopStream);
    auto *layout = new QVBoxLayout(m_streamsBox);
    layout->addWidget(m_startBox);
    layout->addLayout(stop);
}

void ConversationFields::connectFields()
{
    auto typed = [this] {
        validate();
        if (!m_loading)
            emit typing();
    };
    auto chosen = [this] {
        validate();
        if (!m_loading)
            emit committed();
    };
    for (const MapField &map : m_maps)
        connect(map.field, &QPlainTextEdit::textChanged, this, typed);
    connect(m_streamFrames, &QPlainTextEdit::textChanged, this, typed);
    for (QLineEdit *field :
         { m_streamKey, m_streamEvery, m_streamCount, m_streamFinal, m_stopStream }) {
        connect(field, &QLineEdit::textEdited, this, typed);
        connect(field, &QLineEdit::textChanged, this, &ConversationFields::validate);
        connect(field, &QLineEdit::editingFinished, this, chosen);
    }
    connect(m_startBox, &QGroupBox::toggled, this, [this, chosen](bool on) {
        // Something to send at once: a stream needs frames.
        if (on && !m_loading && m_streamFrames->toPlainText().trimmed().isEmpty())
            m_streamFrames->setPlainText(QStringLiteral("{\"seq\": {{counter}}}"));
        chosen();
    });
}

void ConversationFields::load(const QList<KeyOutline> &keys, const QString &presetKey)
{
    m_loading = true;
    m_presetKey = presetKey;
    for (MapField &map : m_maps) {
        const KeyOutline *key = findKey(keys, map.key);
        QList<NamedValue> pairs;
        map.shown = !key || namedValuesFromValue(key->value, &pairs);
        QStringList lines;
        for (const NamedValue &pair : std::as_const(pairs))
            lines.append(pair.name + QStringLiteral(" = ") + pair.value);
        map.field->setReadOnly(!map.shown);
        map.field->setPlaceholderText(
            map.shown ? map.placeholder : tr("more than lines of text: edit it in the YAML"));
        if (!map.shown) { // shown empty, under the placeholder that says why
            lines.clear();
            pairs.clear();
        }
        QString parseProblem;
        const bool same = namedValuesFromText(map.field->toPlainText(), &parseProblem) == pairs
            && parseProblem.isEmpty();
        if (!map.field->hasFocus() && !same)
            map.field->setPlainText(lines.join(QLatin1Char('\n')));
    }
    m_streamKey->setPlaceholderText(presetKey.isEmpty()
                                        ? tr("e.g. {{json-params.id}}")
                                        : tr("the message's own: {{protocol.%1}}").arg(presetKey));
    loadStartStream(findKey(keys, QStringLiteral("start-stream")));
    const KeyOutline *stop = findKey(keys, QStringLiteral("stop-stream"));
    Forms::setTextUnlessFocused(m_stopStream, stop ? stop->value.text : QString());
    m_stopStream->setReadOnly(stop && !isOneLine(stop->value));
    validate();
    m_loading = false;
}

void ConversationFields::loadStartStream(const KeyOutline *key)
{
    const std::optional<StartStream> stream
        = key ? startStreamOf(key->value) : std::optional<StartStream>(StartStream());
    m_startShown = stream.has_value();
    m_streamNote->setVisible(!m_startShown);
    m_startBox->setChecked(key != nullptr);
    const StartStream shown = stream.value_or(StartStream());
    Forms::setTextUnlessFocused(m_streamKey, shown.key);
    Forms::setTextUnlessFocused(m_streamEvery, shown.every);
    const QString frames = shown.frames.join(QLatin1Char('\n'));
    if (!m_streamFrames->hasFocus() && linesOf(m_streamFrames->toPlainText()) != shown.frames)
        m_streamFrames->setPlainText(frames);
    Forms::setTextUnlessFocused(m_streamCount, shown.count);
    Forms::setTextUnlessFocused(m_streamFinal, shown.final);
    for (QWidget *field : std::initializer_list<QWidget *> {
             m_streamKey, m_streamEvery, m_streamFrames, m_streamCount, m_streamFinal })
        field->setEnabled(m_startShown);
}

QString ConversationFields::streamProblem() const
{
    if (!m_startBox->isChecked() || !m_startShown)
        return QString();
    if (m_streamKey->text().trimmed().isEmpty() && m_presetKey.isEmpty())
        return tr("A stream needs a key: the name stop-stream stops it by");
    const QString every = m_streamEvery->text().trimmed();
    if (!every.isEmpty()) {
        const QString problem = SpecRules::streamInterval(every).problem;
        if (!problem.isEmpty())
            return problem;
    }
    const QString frames
        = SpecRules::streamFramesProblem(linesOf(m_streamFrames->toPlainText()).size());
    if (!frames.isEmpty())
        return frames;
    const QString count = m_streamCount->text().trimmed();
    return count.isEmpty() ? QString() : SpecRules::streamCount(count).problem;
}

void ConversationFields::validate()
{
    for (const MapField &map : m_maps) {
        QString problem;
        if (map.shown)
            namedValuesFromText(map.field->toPlainText(), &problem);
        showProblem(map.problem, problem);
    }
    showProblem(m_streamProblem, streamProblem());
}

QString ConversationFields::problems() const
{
    QStringList all;
    for (const MapField &map : m_maps) {
        if (!map.problem->text().isEmpty())
            all.append(map.problem->text());
    }
    if (!m_streamProblem->text().isEmpty())
        all.append(m_streamProblem->text());
    return all.join(QLatin1Char('\n'));
}

void ConversationFields::changes(const QList<KeyOutline> &keys, SpecEdits::KeyValues *out) const
{
    for (const MapField &map : m_maps) {
        const KeyOutline *key = findKey(keys, map.key);
        QList<NamedValue> current;
        QString problem;
        const QList<NamedValue> pairs = namedValuesFromText(map.field->toPlainText(), &problem);
        if (!map.shown || !problem.isEmpty()
            || (key && namedValuesFromValue(key->value, &current) && current == pairs)
            || (!key && pairs.isEmpty()))
            continue;
        YamlValue value = YamlValue::map(true);
        for (const NamedValue &pair : pairs)
            value.insert(pair.name, YamlValue::scalar(pair.value));
        out->append({ map.key, pairs.isEmpty() ? YamlValue() : value });
    }
    startStreamChange(findKey(keys, QStringLiteral("start-stream")), out);
    const KeyOutline *stop = findKey(keys, QStringLiteral("stop-stream"));
    const QString stopKey = m_stopStream->text().trimmed();
    if (!m_stopStream->isReadOnly() && stopKey != (stop ? stop->value.text : QString()))
        out->append({ QStringLiteral("stop-stream"),
                      stopKey.isEmpty() ? YamlValue() : YamlValue::scalar(stopKey) });
}

YamlValue ConversationFields::startStreamValue() const
{
    YamlValue value = YamlValue::map();
    const QString key = m_streamKey->text().trimmed();
    if (!key.isEmpty())
        value.insert(QStringLiteral("key"), YamlValue::scalar(key));
    const QString every = m_streamEvery->text().trimmed();
    if (!every.isEmpty())
        value.insert(QStringLiteral("every"), YamlValue::verbatim(every));
    value.insert(QStringLiteral("frames"), Forms::textList(linesOf(m_streamFrames->toPlainText())));
    const QString count = m_streamCount->text().trimmed();
    if (!count.isEmpty())
        value.insert(QStringLiteral("count"), YamlValue::verbatim(count));
    const QString final = m_streamFinal->text().trimmed();
    if (!final.isEmpty())
        value.insert(QStringLiteral("final"), YamlValue::scalar(final));
    return value;
}

void ConversationFields::startStreamChange(const KeyOutline *current,
                                           SpecEdits::KeyValues *out) const
{
    if (!m_startShown)
        return;
    if (!m_startBox->isChecked()) {
        if (current)
            out->append({ QStringLiteral("start-stream"), YamlValue() });
        return;
    }
    if (!streamProblem().isEmpty())
        return;
    const YamlValue value = startStreamValue();
    const std::optional<StartStream> written
        = current ? startStreamOf(current->value) : std::nullopt;
    const std::optional<StartStream> wanted = startStreamOf(value);
    if (!written || !(*written == *wanted))
        out->append({ QStringLiteral("start-stream"), value });
}
