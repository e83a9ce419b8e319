#include "specdocument.h"

#include "parsedyaml.h"
#include "specloader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

SpecDocument::SpecDocument(QObject *parent) : QObject(parent)
{
    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(ParseDelayMs);
    connect(&m_parseTimer, &QTimer::timeout, this, &SpecDocument::parse);
    m_recoveryTimer.setSingleShot(true);
    m_recoveryTimer.setInterval(RecoveryDelayMs);
    connect(&m_recoveryTimer, &QTimer::timeout, this, &SpecDocument::saveRecoveryCopy);
}

void SpecDocument::reset(const QString &text, const QString &path, bool example)
{
    if (!m_filePath.isEmpty() || m_isExample)
        m_recovery.discard(m_filePath);
    m_filePath = path;
    m_isExample = example;
    m_text = text;
    setModified(false);
    m_recoveryTimer.stop();
    m_recovery.discard(m_filePath);
    m_lastGood.reset();
    m_parsedText = QString(); // parsed again: the diagnostics name the new file
    parse();
}

void SpecDocument::setText(const QString &text)
{
    if (text == m_text && !m_text.isNull())
        return;
    m_text = text;
    m_parseTimer.start();
    m_recoveryTimer.start();
}

QString SpecDocument::displayName() const
{
    // Shown in the workbench's title, so translated in its context.
    if (m_isExample)
        return QCoreApplication::translate("MainWindow", "example.yml");
    if (m_filePath.isEmpty())
        return QCoreApplication::translate("MainWindow", "untitled.yml");
    return QFileInfo(m_filePath).fileName();
}

void SpecDocument::setModified(bool modified)
{
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modificationChanged(modified);
}

bool SpecDocument::save(QString *error)
{
    return write(m_filePath, error);
}

bool SpecDocument::saveAs(const QString &path, QString *error)
{
    if (!write(path, error))
        return false;
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_isExample = false;
    return true;
}

bool SpecDocument::write(const QString &path, QString *error)
{
    QSaveFile file(path);
    const QByteArray data = m_text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    setModified(false);
    discardRecovery();
    return true;
}

void SpecDocument::parse()
{
    m_parseTimer.stop();
    if (m_text == m_parsedText && !m_parsedText.isNull())
        return;
    m_parsedText = m_text;
    const ParsedYaml yaml = ParsedYaml::fromText(m_text);
    const LoadResult result = SpecLoader::load(yaml, displayName());
    m_diagnostics = result.diagnostics;
    m_outline = SpecOutline::parse(yaml);
    m_valid = result.ok();
    if (m_valid)
        m_lastGood = result.spec;
    emit parsed();
    if (m_valid)
        emit specChanged(m_lastGood);
}

void SpecDocument::saveRecoveryCopy()
{
    if (m_modified)
        m_recovery.save(m_filePath, m_text);
}

void SpecDocument::discardRecovery()
{
    m_recovery.discard(m_filePath);
}
