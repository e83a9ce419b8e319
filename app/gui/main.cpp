#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Mocket"));
    QApplication::setOrganizationName(QStringLiteral("Mocket"));
    QApplication::setApplicationVersion(QStringLiteral(MOCKET_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mocket"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mocket.svg")));

    // The UI follows the system locale (LANGUAGE=pt_BR mocket shows Portuguese).
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    // English plural forms ("1 connection"), then the user's language over them.
    QTranslator plurals;
    if (plurals.load(QStringLiteral(":/i18n/mocket_en.qm")))
        QApplication::installTranslator(&plurals);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("mocket"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main",
        "A workbench for mocking WebSocket servers. With no FILE, the bundled example opens."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption startOption(QStringLiteral("start"),
                                         QApplication::translate("main", "Start serving at once."));
    const QCommandLineOption hostOption(QStringLiteral("host"),
                                        QApplication::translate("main", "Address to listen on."),
                                        QApplication::translate("main", "HOST"));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QApplication::translate("main", "Port to listen on (0 picks a free one)."),
        QApplication::translate("main", "PORT"));
    parser.addOptions({ startOption, hostOption, portOption });
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "A YAML config to open."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || !window.openFile(files.first()))
        window.openExample();
    if (parser.isSet(hostOption) || parser.isSet(portOption)) {
        bool ok = true;
        const uint port = parser.isSet(portOption) ? parser.value(portOption).toUInt(&ok) : 8000;
        if (!ok || port > 65535) {
            qWarning("%s",
                     qPrintable(QApplication::translate("main", "mocket: invalid port '%1'")
                                    .arg(parser.value(portOption))));
            return 2;
        }
        window.setListenAddress(parser.isSet(hostOption) ? parser.value(hostOption)
                                                         : QStringLiteral("127.0.0.1"),
                                quint16(port));
    }
    window.show();
    if (parser.isSet(startOption))
        window.startServer();
    QTimer::singleShot(0, &window, &MainWindow::offerRecoveries);
    return app.exec();
}
