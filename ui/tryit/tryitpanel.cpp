#include "tryitpanel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

TryItPanel::TryItPanel(QWidget *parent) : QWidget(parent)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_path = new QLineEdit(this);
    m_path->setPlaceholderText(tr("/ws/echo?name=value"));
    m_path->setFont(fixed);
    m_message = new QPlainTextEdit(this);
    m_message->setPlaceholderText(tr("A message a client would send, e.g. ping"));
    m_message->setFont(fixed);
    m_message->setTabChangesFocus(true);
    m_message->setMaximumHeight(90);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_greeting = new QPlainTextEdit(this);
    m_greeting->setReadOnly(true);
    m_greeting->setFont(fixed);
    m_greeting->setMaximumHeight(70);
    m_reply = new QPlainTextEdit(this);
    m_reply->setReadOnly(true);
    m_reply->setFont(fixed);

    auto *form = new QFormLayout;
    form->addRow(tr("&Path:"), m_path);
    form->addRow(tr("&Message:"), m_message);
    form->addRow(tr("Greeting:"), m_greeting);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(new QLabel(tr("Reply:"), this));
    layout->addWidget(m_reply, 1);

    m_timer.setSingleShot(true);
    m_timer.setInterval(150);
    connect(&m_timer, &QTimer::timeout, this, &TryItPanel::update);
    connect(m_path, &QLineEdit::textEdited, this, [this] {
        m_pathTouched = true;
        m_timer.start();
    });
    connect(m_message, &QPlainTextEdit::textChanged, &m_timer, qOverload<>(&QTimer::start));
    update();
}

QString TryItPanel::samplePath(const Endpoint &endpoint)
{
    QStringList segments = PathPattern::splitPath(endpoint.path.text());
    for (QString &segment : segments) {
        if (segment.startsWith(QLatin1Char(':')))
            segment = segment.mid(1); // "/ws/user/:username" -> "/ws/user/username"
    }
    return QLatin1Char('/') + segments.join(QLatin1Char('/'));
}

void TryItPanel::setSpec(MockSpecPtr spec)
{
    m_spec = std::move(spec);
    if (m_spec && !m_pathTouched && !m_spec->endpoints.isEmpty()
        && !m_spec->route(m_path->text().section(QLatin1Char('?'), 0, 0)))
        m_path->setText(samplePath(m_spec->endpoints.first()));
    m_timer.start();
}

void TryItPanel::setPath(const QString &pathAndQuery)
{
    m_pathTouched = true;
    m_path->setText(pathAndQuery);
    update();
}

void TryItPanel::setMessage(const QString &message)
{
    m_message->setPlainText(message);
    update();
}

void TryItPanel::update()
{
    m_timer.stop();
    m_greeting->clear();
    m_reply->clear();
    if (!m_spec) {
        m_summary->setText(tr("Fix the config's errors to try messages."));
        return;
    }
    const TryResult result = tryMessage(*m_spec, m_path->text(), m_message->toPlainText());
    if (!result.endpoint) {
        m_summary->setText(
            tr("No endpoint serves %1: a client would get HTTP 404.").arg(m_path->text()));
        return;
    }
    m_greeting->setPlainText(result.hasGreeting ? result.greeting : tr("(no greeting)"));
    QString text;
    if (m_message->toPlainText().isEmpty()) {
        text = tr("Endpoint %1. Type a message to see which rule answers.")
                   .arg(result.endpoint->path.text());
    } else if (!result.rule) {
        text = tr("Endpoint %1: no rule matches, so no reply is sent.")
                   .arg(result.endpoint->path.text());
    } else {
        text = tr("Endpoint %1: %2 matches (%3 pattern).")
                   .arg(result.endpoint->path.text(), result.rule->label(),
                        result.rule->pattern.kindName());
        m_reply->setPlainText(result.reply);
    }
    if (!result.missing.isEmpty())
        text += QLatin1Char(' ')
            + tr("Rendered empty: %1.").arg(result.missing.join(QStringLiteral(", ")));
    m_summary->setText(text);
}

QString TryItPanel::summary() const
{
    return m_summary->text();
}

QString TryItPanel::reply() const
{
    return m_reply->toPlainText();
}

QString TryItPanel::greeting() const
{
    return m_greeting->toPlainText();
}
