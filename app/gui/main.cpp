#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

namespace {
// The system locale's translations (LANGUAGE=pt_BR mocket shows Portuguese), over English
// plural forms ("1 connection").
void installTranslators(QTranslator *qt, QTranslator *plurals, QTranslator *mocket)
{
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    if (plurals->load(QStringLiteral(":/i18n/mocket_en.qm")))
        QApplication::installTranslator(plurals);
    if (mocket->load(QLocale(), QStringLiteral("mocket"), QStringLiteral("_"),
                     QStringLiteral(":/i18n")))
        QApplication::installTranslator(mocket);
}

struct Flags
{
    QCommandLineOption start { QStringLiteral("start"),
                               QApplication::translate("main", "Start serving at once.") };
    QCommandLineOption example { QStringLiteral("example"),
                                 QApplication::translate(
                                     "main",
                                     "With no FILE, open the bundled example rather than "
                                     "the last file worked on.") };
    QCommandLineOption host { QStringLiteral("host"),
                              QApplication::translate("main", "Address to listen on."),
                              QApplication::translate("main", "HOST") };
    QCommandLineOption port { QStringLiteral("port"),
                              QApplication::translate("main",
                                                      "Port to listen on (0 picks a free one)."),
                              QApplication::translate("main", "PORT") };
};

void setUpParser(QCommandLineParser *parser, const Flags &flags)
{
    parser->setApplicationDescription(QApplication::translate(
        "main",
        "A workbench for mocking WebSocket servers. With no FILE, the last file worked on "
        "opens (the bundled example the first time)."));
    parser->addHelpOption();
    parser->addVersionOption();
    parser->addOptions({ flags.start, flags.example, flags.host, flags.port });
    parser->addPositionalArgument(QStringLiteral("file"),
                                  QApplication::translate("main", "A YAML config to open."),
                                  QStringLiteral("[FILE]"));
}

// --host and --port over the toolbar's saved address; false on an invalid port.
bool applyListenAddress(const QCommandLineParser &parser, const Flags &flags, MainWindow *window)
{
    if (!parser.isSet(flags.host) && !parser.isSet(flags.port))
        return true;
    ServerOptions options;
    if (parser.isSet(flags.port)
        && !ServerOptions::parsePort(parser.value(flags.port), &options.port)) {
        qWarning("%s",
                 qPrintable(QApplication::translate("main", "mocket: invalid port '%1'")
                                .arg(parser.value(flags.port))));
        return false;
    }
    window->setListenAddress(parser.isSet(flags.host) ? parser.value(flags.host) : options.host,
                             options.port);
    return true;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Mocket"));
    QApplication::setOrganizationName(QStringLiteral("Mocket"));
    QApplication::setApplicationVersion(QStringLiteral(MOCKET_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mocket"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mocket.svg")));
    QTranslator qtTranslator;
    QTranslator plurals;
    QTranslator translator;
    installTranslators(&qtTranslator, &plurals, &translator);

    const Flags flags;
    QCommandLineParser parser;
    setUpParser(&parser, flags);
    parser.process(app);

    MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() && parser.isSet(flags.example))
        window.openExample();
    else if (files.isEmpty())
        window.openLastOrExample();
    else if (!window.openFile(files.first()))
        window.openExample();
    if (!applyListenAddress(parser, flags, &window))
        return 2;
    window.show();
    if (parser.isSet(flags.start))
        window.startServer();
    QTimer::singleShot(0, &window, &MainWindow::offerRecoveries);
    return app.exec();
}
