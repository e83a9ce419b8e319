#include "httpform.h"

#include "formhelpers.h"
#include "formtextedit.h"
#include "replyform.h"
#include "specrules.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace {
constexpr int DefaultStatus = 200; // what the loader answers with when status is absent

// The headers map as "Name: value" lines, or false when some value is no plain text (a
// list, a map) that the box could give back as it is.
bool headersToText(const YamlValue &headers, QString *text)
{
    text->clear();
    if (headers.isNull())
        return true;
    if (!headers.isMap())
        return false;
    QStringList lines;
    for (qsizetype index = 0; index < headers.keys.size(); ++index) {
        const YamlValue &value = headers.items.at(index);
        if (!value.isScalar() || value.text.contains(QLatin1Char('\n')))
            return false;
        lines.append(headers.keys.at(index) + QStringLiteral(": ") + value.text);
    }
    *text = lines.join(QLatin1Char('\n'));
    return true;
}

// The push list as "PATH MESSAGE" lines, or false when some push has more than a path and a
// one-line text message (a delay, a map message) that the box could not give back as it is.
bool pushesToText(const YamlValue &pushes, QString *text)
{
    text->clear();
    if (pushes.isNull())
        return true;
    if (!pushes.isList())
        return false;
    QStringList lines;
    for (const YamlValue &push : pushes.items) {
        const YamlValue *path = push.isMap() ? push.value(QStringLiteral("path")) : nullptr;
        const YamlValue *message = push.isMap() ? push.value(QStringLiteral("message")) : nullptr;
        if (!path || !message || push.keys.size() != 2 || !path->isScalar() || !message->isScalar()
            || message->text.contains(QLatin1Char('\n')) || path->text.contains(QLatin1Char(' ')))
            return false;
        lines.append(path->text + QLatin1Char(' ') + message->text);
    }
    *text = lines.join(QLatin1Char('\n'));
    return true;
}

// The status the file asks for (the default when absent), or nullopt when it is no status.
std::optional<int> statusOf(const HttpEndpointOutline &endpoint)
{
    const YamlValue status = endpoint.responseValue(QStringLiteral("status"));
    if (status.isNull())
        return DefaultStatus;
    return status.isScalar() ? SpecRules::httpStatus(status.text).value : std::nullopt;
}

} // namespace

using Forms::setTextUnlessFocused;

HttpEndpointForm::HttpEndpointForm(QWidget *parent) : QWidget(parent)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_title = new QLabel(this);
    m_method = new QComboBox(this);
    m_method->setEditable(true);
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->addItems({ QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                         QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                         QStringLiteral("OPTIONS") });
    m_method->setToolTip(tr("method — the request method this endpoint answers; any HTTP method"));
    m_methodProblem = Forms::problemLabel(this);
    m_path = new QLineEdit(this);
    m_path->setFont(fixed);
    m_path->setPlaceholderText(tr("/users/:id|int"));
    m_path->setToolTip(tr("path — the URL path; :name segments capture a value for "
                          "{{path-params.name}}, :name|int only whole numbers"));
    m_status = new QSpinBox(this);
    m_status->setRange(100, 599);
    m_status->setValue(DefaultStatus);
    m_status->setToolTip(tr("response: status — the HTTP status code"));
    m_headers = new FormTextEdit(this);
    m_headers->setFont(fixed);
    m_headers->setTabChangesFocus(true);
    m_headers->setMaximumHeight(70);
    m_headers->setPlaceholderText(tr("One per line, e.g. Content-Type: application/json"));
    m_headers->setToolTip(tr("response: headers — one \"Name: value\" per line"));
    m_headersProblem = Forms::problemLabel(this);
    m_body = new FormTextEdit(this);
    m_body->setFont(fixed);
    m_body->setTabChangesFocus(true);
    m_body->setMaximumHeight(140);
    m_body->setToolTip(tr("response: body — the body, a template; {{ or Ctrl+Space offers "
                          "placeholders"));
    m_delay = new QLineEdit(this);
    m_delay->setPlaceholderText(tr("none (e.g. 250ms, 1.5s, 100ms..300ms)"));
    m_delay->setToolTip(tr("response: delay — wait this long before answering"));
    m_delayProblem = Forms::problemLabel(this);
    m_pushes = new FormTextEdit(this);
    m_pushes->setFont(fixed);
    m_pushes->setTabChangesFocus(true);
    m_pushes->setMaximumHeight(70);
    m_pushes->setToolTip(tr("push — frames sent to WebSocket clients when this endpoint is hit: a "
                            "websocket item's path reaches all its connections, any other path "
                            "the connections on exactly that path; both are templates"));
    m_pushesProblem = Forms::problemLabel(this);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_title);
    form->addRow(tr("&Method:"), m_method);
    form->addRow(QString(), m_methodProblem);
    form->addRow(tr("P&ath:"), m_path);
    form->addRow(tr("S&tatus:"), m_status);
    form->addRow(tr("Heade&rs:"), m_headers);
    form->addRow(QString(), m_headersProblem);
    form->addRow(tr("B&ody:"), m_body);
    form->addRow(tr("Dela&y:"), m_delay);
    form->addRow(QString(), m_delayProblem);
    form->addRow(tr("&Pushes:"), m_pushes);
    form->addRow(QString(), m_pushesProblem);
    connectFields();
}

void HttpEndpointForm::connectFields()
{
    auto typed = [this] {
        validate();
        if (!m_loading)
            emit typing();
    };
    auto left = [this] {
        validate();
        if (!m_loading)
            emit committed();
    };
    connect(m_method, &QComboBox::currentIndexChanged, this, left);
    connect(m_method->lineEdit(), &QLineEdit::textEdited, this, [this] { validate(); });
    connect(m_method->lineEdit(), &QLineEdit::editingFinished, this, left);
    connect(m_path, &QLineEdit::editingFinished, this, left);
    connect(m_status, &QSpinBox::valueChanged, this, typed);
    connect(m_status, &QSpinBox::editingFinished, this, left);
    for (FormTextEdit *edit : { m_headers, m_body, m_pushes }) {
        connect(edit, &QPlainTextEdit::textChanged, this, typed);
        edit->onFocusOut = left;
    }
    connect(m_delay, &QLineEdit::textEdited, this, typed);
    connect(m_delay, &QLineEdit::editingFinished, this, left);
}

QPlainTextEdit *HttpEndpointForm::headersField() const
{
    return m_headers;
}

QPlainTextEdit *HttpEndpointForm::bodyField() const
{
    return m_body;
}

QPlainTextEdit *HttpEndpointForm::pushesField() const
{
    return m_pushes;
}

void HttpEndpointForm::loadPushes(const HttpEndpointOutline &endpoint)
{
    QString pushes;
    const bool shown = pushesToText(endpoint.value(QStringLiteral("push")), &pushes);
    m_pushes->setReadOnly(!shown);
    if (shown)
        setTextUnlessFocused(m_pushes, pushes);
    else
        m_pushes->setPlainText(QString());
    m_pushes->setPlaceholderText(
        shown ? tr("One per line: the WebSocket path, a space, the message, e.g.\n"
                   "/ws/orders {\"event\": \"created\", \"id\": {{json-params.id}}}")
              : tr("Pushes written in a way this box cannot show (a delay, a map message): "
                   "edit them in the YAML editor"));
}

void HttpEndpointForm::load(const HttpEndpointOutline &endpoint)
{
    m_loading = true;
    m_title->setText(tr("<b>HTTP endpoint</b> · line %1").arg(endpoint.line));
    if (!m_method->lineEdit()->hasFocus() && methodText() != endpoint.method())
        m_method->setCurrentText(endpoint.method());
    setTextUnlessFocused(m_path, endpoint.value(QStringLiteral("path")).text);
    const std::optional<int> status = statusOf(endpoint);
    m_status->setEnabled(status.has_value());
    if (status && !m_status->hasFocus())
        m_status->setValue(*status);

    QString headers;
    const bool headersShown
        = headersToText(endpoint.responseValue(QStringLiteral("headers")), &headers);
    m_headers->setReadOnly(!headersShown);
    if (headersShown)
        setTextUnlessFocused(m_headers, headers);
    else
        m_headers->setPlainText(QString());
    m_headers->setPlaceholderText(
        headersShown ? tr("One per line, e.g. Content-Type: application/json")
                     : tr("Headers written in a way this box cannot show: edit them in the "
                          "YAML editor"));

    const YamlValue body = endpoint.responseValue(QStringLiteral("body"));
    const bool bodyShown = body.isNull() || body.isScalar();
    m_body->setReadOnly(!bodyShown);
    setTextUnlessFocused(m_body, bodyShown ? body.text : body.toJson());
    m_body->setPlaceholderText(tr("Sent as the response body; a template (empty: no body)"));
    setTextUnlessFocused(m_delay, endpoint.responseValue(QStringLiteral("delay")).text);
    loadPushes(endpoint);
    m_loading = false;
    validate();
}

QString HttpEndpointForm::methodText() const
{
    return m_method->currentText().trimmed().toUpper();
}

YamlValue HttpEndpointForm::headersValue(QString *problem) const
{
    YamlValue headers = YamlValue::map();
    problem->clear();
    const QStringList lines = m_headers->toPlainText().split(QLatin1Char('\n'));
    for (int index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = line.left(colon).trimmed();
        if (colon < 0)
            *problem = tr("Line %1: write Name: value").arg(index + 1);
        else if (!SpecRules::isHeaderName(name))
            *problem = tr("Line %1: %2").arg(index + 1).arg(SpecRules::headerNameProblem(name));
        if (!problem->isEmpty())
            return YamlValue();
        headers.insert(name, YamlValue::scalar(line.mid(colon + 1).trimmed()));
    }
    return headers;
}

YamlValue HttpEndpointForm::pushesValue(QString *problem) const
{
    QList<YamlValue> pushes;
    problem->clear();
    const QStringList lines = m_pushes->toPlainText().split(QLatin1Char('\n'));
    for (int index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype space = line.indexOf(QLatin1Char(' '));
        if (!line.startsWith(QLatin1Char('/')) || space < 0) {
            *problem
                = tr("Line %1: write the WebSocket path, a space, then the message").arg(index + 1);
            return YamlValue();
        }
        YamlValue push = YamlValue::map();
        push.insert(QStringLiteral("path"), YamlValue::scalar(line.left(space)));
        push.insert(QStringLiteral("message"), YamlValue::scalar(line.mid(space + 1).trimmed()));
        pushes.append(push);
    }
    return pushes.isEmpty() ? YamlValue() : YamlValue::list(pushes);
}

void HttpEndpointForm::validate()
{
    const QString method = methodText();
    Forms::showProblem(m_methodProblem,
                       method.isEmpty() ? QString() : SpecRules::httpMethod(method).problem);
    QString headersProblem;
    if (!m_headers->isReadOnly())
        headersValue(&headersProblem);
    Forms::showProblem(m_headersProblem, headersProblem);
    Forms::showProblem(m_delayProblem, delayProblem(m_delay->text()));
    QString pushesProblem;
    if (!m_pushes->isReadOnly())
        pushesValue(&pushesProblem);
    Forms::showProblem(m_pushesProblem, pushesProblem);
}

QString HttpEndpointForm::problems() const
{
    QStringList texts;
    for (const QLabel *label :
         { m_methodProblem, m_headersProblem, m_delayProblem, m_pushesProblem }) {
        if (!label->text().isEmpty())
            texts.append(label->text());
    }
    return texts.join(QLatin1Char('\n'));
}

SpecEdits::KeyValues HttpEndpointForm::endpointChanges(const HttpEndpointOutline &endpoint) const
{
    SpecEdits::KeyValues out;
    const QString method = methodText();
    if (!method.isEmpty() && SpecRules::httpMethod(method).ok() && method != endpoint.method())
        out.append({ QStringLiteral("method"), YamlValue::scalar(method) });
    const QString path = m_path->text();
    if (!path.isEmpty() && path != endpoint.value(QStringLiteral("path")).text)
        out.append({ QStringLiteral("path"), YamlValue::scalar(path) });
    QString problem;
    const YamlValue current = endpoint.value(QStringLiteral("push"));
    const YamlValue pushes = m_pushes->isReadOnly() ? current : pushesValue(&problem);
    if (problem.isEmpty() && pushes != current)
        out.append({ QStringLiteral("push"), pushes });
    return out;
}

SpecEdits::KeyValues HttpEndpointForm::responseChanges(const HttpEndpointOutline &endpoint) const
{
    SpecEdits::KeyValues out;
    const std::optional<int> status = statusOf(endpoint);
    if (status && m_status->value() != *status)
        out.append(
            { QStringLiteral("status"), YamlValue::verbatim(QString::number(m_status->value())) });
    const YamlValue currentHeaders = endpoint.responseValue(QStringLiteral("headers"));
    QString problem;
    const YamlValue headers = m_headers->isReadOnly() ? currentHeaders : headersValue(&problem);
    const YamlValue wanted = headers.isMap() && headers.keys.isEmpty() ? YamlValue() : headers;
    if (problem.isEmpty() && wanted != currentHeaders)
        out.append({ QStringLiteral("headers"), wanted });
    const YamlValue body = endpoint.responseValue(QStringLiteral("body"));
    const QString bodyText = m_body->toPlainText();
    if (!m_body->isReadOnly() && bodyText != body.text)
        out.append({ QStringLiteral("body"),
                     bodyText.isEmpty() ? YamlValue() : YamlValue::scalar(bodyText) });
    const QString delay = m_delay->text().trimmed();
    const YamlValue currentDelay = endpoint.responseValue(QStringLiteral("delay"));
    if (delay.isEmpty() && !currentDelay.isNull())
        out.append({ QStringLiteral("delay"), YamlValue() });
    else if (!delay.isEmpty() && delayProblem(delay).isEmpty() && delay != currentDelay.text)
        out.append({ QStringLiteral("delay"), YamlValue::verbatim(delay) });
    return out;
}
