#include "uitestapp.h"

#include "testfiles.h"

#include <QTest>

namespace {

// argc, once the home is set aside: the application object must not see the user's.
int &keptOutOfTheUsersHome(int &argc, const QString &home)
{
    keepOutOfTheUsersHome(home);
    return argc;
}

} // namespace

UiTestApplication::UiTestApplication(int &argc, char **argv, const QString &applicationName)
    : m_app(keptOutOfTheUsersHome(argc, m_home.path()), argv)
{
    QApplication::setOrganizationName(QStringLiteral("MocketTest"));
    QApplication::setApplicationName(applicationName);
}

void UiTestApplication::useEnglishPlurals()
{
    if (m_plurals.load(QStringLiteral(":/i18n/mocket_en.qm")))
        QCoreApplication::installTranslator(&m_plurals);
}

PortugueseSwitch::~PortugueseSwitch()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

void PortugueseSwitch::usePortuguese(bool on)
{
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }
    if (!on)
        return;
    m_translator = std::make_unique<QTranslator>();
    QVERIFY(loadPortuguese(*m_translator));
    QCoreApplication::installTranslator(m_translator.get());
}

bool loadPortuguese(QTranslator &translator)
{
    return translator.load(QStringLiteral(":/i18n/mocket_pt_BR.qm"));
}
