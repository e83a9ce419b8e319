// Server Settings: the HTTP and control API options a user sets there come back as the
// options the server is started with, and a control API beyond loopback without a token is
// refused in the dialog, with the reason.

#include "serversettingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

namespace {
template<typename Widget>
Widget *findWithText(QWidget *parent, const QString &prefix)
{
    for (Widget *widget : parent->findChildren<Widget *>()) {
        QString text;
        if constexpr (std::is_same_v<Widget, QCheckBox> || std::is_same_v<Widget, QPushButton>)
            text = widget->text();
        if (text.remove(QLatin1Char('&')).startsWith(prefix))
            return widget;
    }
    return nullptr;
}
} // namespace

class TestUiServerSettings : public QObject
{
    Q_OBJECT

private slots:
    void httpAndControlOptionsRoundTrip()
    {
        ServerOptions given;
        given.port = 9123;
        ServerSettingsDialog dialog(given);
        dialog.show();
        QCheckBox *control
            = findWithText<QCheckBox>(&dialog, QStringLiteral("Serve the control API"));
        QCheckBox *cors = findWithText<QCheckBox>(&dialog, QStringLiteral("Answer CORS"));
        QVERIFY(control && cors);
        QVERIFY(!control->isChecked());
        QVERIFY(cors->isChecked());
        control->setChecked(true);
        cors->setChecked(false);
        QPushButton *generate = findWithText<QPushButton>(&dialog, QStringLiteral("Generate"));
        QVERIFY(generate);
        generate->click();

        const ServerOptions options = dialog.options();
        QVERIFY(options.control);
        QVERIFY(!options.cors);
        QVERIFY(options.controlToken.size() >= 16);
        QCOMPARE(options.port, quint16(9123));
        bool urlShown = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            urlShown = urlShown
                || (label->text().startsWith(QLatin1String("http://127.0.0.1:9123/__mocket/"))
                    && label->text().contains(options.controlToken));
        QVERIFY(urlShown);
        QTest::qWait(50); // the new URL lines laid out
        if (!qEnvironmentVariableIsEmpty("MOCKET_SCREENSHOTS"))
            dialog.grab().save(qEnvironmentVariable("MOCKET_SCREENSHOTS")
                               + QStringLiteral("/server-settings.png"));
    }

    // The memory budgets, per client and in all, show in MiB and come back in bytes.
    void budgetsRoundTrip()
    {
        ServerOptions given;
        given.maxTotalPendingBytes = qint64(256) * 1024 * 1024;
        ServerSettingsDialog dialog(given);
        QSpinBox *perClient = nullptr;
        QSpinBox *total = nullptr;
        for (QSpinBox *box : dialog.findChildren<QSpinBox *>()) {
            if (box->toolTip().startsWith(QLatin1String("A client with more waiting")))
                perClient = box;
            else if (box->toolTip().startsWith(QLatin1String("With more waiting for all")))
                total = box;
        }
        QVERIFY(perClient && total);
        QCOMPARE(perClient->value(), 64);
        QCOMPARE(total->value(), 256);
        perClient->setValue(8);
        total->setValue(100);
        const ServerOptions options = dialog.options();
        QCOMPARE(options.maxPendingBytes, qint64(8) * 1024 * 1024);
        QCOMPARE(options.maxTotalPendingBytes, qint64(100) * 1024 * 1024);
    }

    void controlBeyondLoopbackNeedsAToken()
    {
        ServerOptions given;
        QVERIFY(given.setHost(QStringLiteral("0.0.0.0")));
        given.control = true;
        ServerSettingsDialog dialog(given);
        dialog.show();
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog.isVisible()); // refused
        bool explained = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            explained = explained || label->text().contains(QLatin1String("--control-token"));
        QVERIFY(explained);
    }
};

QTEST_MAIN(TestUiServerSettings)
#include "tst_ui_serversettings.moc"
