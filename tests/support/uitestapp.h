#pragma once

#include <QApplication>
#include <QTemporaryDir>
#include <QTranslator>

#include <memory>

// The application of a workbench test, made in its main() before the test object: settings,
// recent files and recovery copies under a temporary home (never the user's), and the
// organisation and application names the test's settings are kept under.
class UiTestApplication
{
public:
    UiTestApplication(int &argc, char **argv, const QString &applicationName);

    // English plural forms ("4 bytes"), as the workbench installs them.
    void useEnglishPlurals();

private:
    QTemporaryDir m_home;
    QApplication m_app;
    QTranslator m_plurals;
};

// The workbench's words in Brazilian Portuguese while on, in English again when switched off
// or destroyed.
class PortugueseSwitch
{
public:
    ~PortugueseSwitch();
    // Fails the running test when the translation does not load.
    void usePortuguese(bool on);

private:
    std::unique_ptr<QTranslator> m_translator;
};

// Loads the bundled Brazilian Portuguese translation into translator; false when it cannot.
bool loadPortuguese(QTranslator &translator);
