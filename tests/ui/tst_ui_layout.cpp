// The default layout at 1280x800 and 1600x1000, in English and in Portuguese, serving the
// bundled example with clients connected: no text is cut off, no widget reaches past the
// window, and the Connections table shows Id to Out and three rows without scrolling.

#include "conversationbox.h"
#include "conversationform.h"
#include "mainwindow.h"
#include "mockspanel.h"
#include "replyform.h"
#include "sequenceform.h"
#include "testclient.h"
#include "trafficlog.h"
#include "trafficpanel.h"
#include "uitestapp.h"
#include "yamleditor.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QStyle>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {

constexpr int Wait = 15000; // ms: the tests share a loaded machine

QString describe(const QWidget *widget, const QString &text)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QString::fromLatin1(widget->metaObject()->className()), text);
}

// Inside a list, a table or a scrolled form, a widget may be scrolled out of view: that is
// not cut off.
bool isScrolledContent(const QWidget *widget)
{
    for (const QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (const auto *area = qobject_cast<const QAbstractScrollArea *>(parent)) {
            if (widget != area && area->viewport()->isAncestorOf(widget))
                return true;
        }
    }
    return false;
}

// A label shows all its text: one line as wide as it needs, or wrapped lines as high.
QString labelProblem(const QLabel *label)
{
    if (label->text().isEmpty() || label->pixmap().isNull() == false)
        return {};
    if (label->wordWrap()) {
        const int needed = label->heightForWidth(label->width());
        return label->height() + 1 < needed ? describe(label, label->text())
                + QStringLiteral(": %1 px high, needs %2").arg(label->height()).arg(needed)
                                            : QString();
    }
    const int needed = label->sizeHint().width();
    return label->width() + 1 < needed ? describe(label, label->text())
            + QStringLiteral(": %1 px wide, needs %2").arg(label->width()).arg(needed)
                                       : QString();
}

// An empty field shows its whole hint.
QString placeholderProblem(const QLineEdit *edit)
{
    if (!edit->text().isEmpty() || edit->placeholderText().isEmpty())
        return {};
    const int needed = edit->fontMetrics().horizontalAdvance(edit->placeholderText())
        + 2 * edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 6;
    return edit->width() < needed ? describe(edit, edit->placeholderText())
            + QStringLiteral(": %1 px wide, needs %2").arg(edit->width()).arg(needed)
                                  : QString();
}

QString buttonProblem(const QAbstractButton *button)
{
    if (button->text().isEmpty())
        return {};
    const QSize needed = button->sizeHint();
    return button->width() + 1 < needed.width() ? describe(button, button->text())
            + QStringLiteral(": %1 px wide, needs %2").arg(button->width()).arg(needed.width())
                                                : QString();
}

// What the window cuts off as it is shown now.
QStringList clipped(QWidget *window)
{
    QStringList problems;
    const QRect inside = window->rect();
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        // (A dock tabbed behind another stays "visible", out of sight.)
        if (!widget->isVisible() || widget->window() != window || isScrolledContent(widget)
            || widget->visibleRegion().isEmpty())
            continue;
        const QRect where(widget->mapTo(window, QPoint(0, 0)), widget->size());
        if (!inside.contains(where) && widget->width() > 0 && widget->height() > 0)
            problems << describe(widget, widget->objectName())
                    + QStringLiteral(" reaches past the window");
        QString problem;
        if (const auto *label = qobject_cast<const QLabel *>(widget))
            problem = labelProblem(label);
        else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
            problem = buttonProblem(button);
        else if (const auto *edit = qobject_cast<const QLineEdit *>(widget))
            problem = placeholderProblem(edit);
        if (!problem.isEmpty())
            problems << problem;
    }
    return problems;
}

// The columns a narrow Connections table must show first, whole.
QString connectionColumnsProblem(QTableView *table)
{
    const int out = ConnectionsModel::Out;
    const int right = table->horizontalHeader()->sectionViewportPosition(out)
        + table->horizontalHeader()->sectionSize(out);
    if (right > table->viewport()->width())
        return QStringLiteral("Connections: Out ends at %1 px of %2")
            .arg(right)
            .arg(table->viewport()->width());
    if (table->horizontalScrollBar()->isVisible())
        return QStringLiteral("Connections: a horizontal scrollbar");
    // Room for three rows below the header, whole.
    const int rows = table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
    return rows < 3 ? QStringLiteral("Connections: room for %1 rows").arg(rows) : QString();
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PortugueseSwitch m_language;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { m_language.usePortuguese(false); }

    void nothingIsCutOff_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("portuguese");
        for (const QSize size : { QSize(1280, 800), QSize(1600, 1000) }) {
            const QByteArray name
                = QByteArray::number(size.width()) + 'x' + QByteArray::number(size.height());
            QTest::newRow(QByteArray(name + " English").constData()) << size << false;
            QTest::newRow(QByteArray(name + " Portuguese").constData()) << size << true;
        }
    }
    void nothingIsCutOff()
    {
        QFETCH(QSize, size);
        QFETCH(bool, portuguese);
        m_language.usePortuguese(portuguese);
        MainWindow window;
        window.openExample();
        window.setListenAddress(QStringLiteral("127.0.0.1"), 0);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startServer());
        QTRY_VERIFY_WITH_TIMEOUT(window.server()->isListening(), Wait);
        const QString base = QStringLiteral("ws://127.0.0.1:%1").arg(window.server()->serverPort());
        TestClient echo;
        TestClient alice;
        echo.open(QUrl(base + QStringLiteral("/ws/echo")));
        alice.open(QUrl(base + QStringLiteral("/ws/user/alice")));
        QVERIFY(echo.waitForConnected(Wait));
        QVERIFY(alice.waitForConnected(Wait));
        QCOMPARE(echo.ask(QStringLiteral("ping")), QStringLiteral("pong"));
        echo.socket().sendTextMessage(QStringLiteral("hello?"));
        QTRY_COMPARE_WITH_TIMEOUT(window.trafficPanel()->messagesView()->model()->rowCount(), 7,
                                  Wait);

        QStringList problems;
        const auto look = [&problems, &window, size](const QString &state) {
            QApplication::processEvents();
            // A dock squeezed below what it needs cuts off its bottom.
            for (const QDockWidget *dock : window.findChildren<QDockWidget *>()) {
                if (!dock->visibleRegion().isEmpty()
                    && dock->height() < dock->minimumSizeHint().height())
                    problems << state
                            + QStringLiteral(": %1 is %2 px high, needs %3")
                                  .arg(dock->objectName())
                                  .arg(dock->height())
                                  .arg(dock->minimumSizeHint().height());
            }
            // A screen of this size cannot grow the window: what needs more is cut off.
            if (window.size() != size || window.minimumSizeHint().height() > size.height())
                problems << state
                        + QStringLiteral(": needs %1x%2")
                              .arg(std::max(window.width(), window.minimumSizeHint().width()))
                              .arg(std::max(window.height(), window.minimumSizeHint().height()));
            for (const QString &problem : clipped(&window))
                problems << state + QStringLiteral(": ") + problem;
            const QString columns
                = connectionColumnsProblem(window.trafficPanel()->connectionsView());
            if (!columns.isEmpty())
                problems << state + QStringLiteral(": ") + columns;
        };
        look(QStringLiteral("endpoint"));
        window.mocksPanel()->select({ MocksPanel::ItemType::Rule, 0, 0 });
        look(QStringLiteral("rule"));
        // The stream a rule starts, its fields shown (its key missing: flagged).
        MocksPanel *mocks = window.mocksPanel();
        mocks->conversationFields()->startStreamBox()->setChecked(true);
        look(QStringLiteral("rule starting a stream"));
        // A preset's rule: its selecting keys and its reply keys.
        mocks->select({ MocksPanel::ItemType::Endpoint, 0, -1 });
        mocks->protocolField()->setCurrentIndex(
            mocks->protocolField()->findText(QStringLiteral("socket.io")));
        mocks->select({ MocksPanel::ItemType::Rule, 0, 0 });
        QVERIFY(mocks->ruleReplyForm()->presetField(QStringLiteral("emit")));
        look(QStringLiteral("socket.io rule"));
        mocks->sequenceForm()->kindField()->setCurrentIndex(1);
        QVERIFY(mocks->sequenceForm()->list()->isVisible());
        look(QStringLiteral("rule answering with a sequence"));
        window.trafficPanel()->selectConnection(window.trafficPanel()
                                                    ->connectionsView()
                                                    ->model()
                                                    ->index(0, 0)
                                                    .data(ConnectionsModel::ConnectionIdRole)
                                                    .toULongLong());
        // The conversation box opens under the table and takes a share of its height.
        QTRY_VERIFY(window.trafficPanel()->conversationBox()->isVisible());
        look(QStringLiteral("connection chosen"));
        auto *client = window.findChild<QDockWidget *>(QStringLiteral("clientDock"));
        QVERIFY(client);
        client->raise();
        QTRY_VERIFY(client->widget()->isVisible());
        look(QStringLiteral("client"));
        // An edit with an error under Auto-apply: the status bar says why it is not applied,
        // and the Mocks panel keeps the last outline under its banner.
        window.setAutoApply(true);
        const QString text = window.editor()->toPlainText();
        window.editor()->setPlainText(text + QStringLiteral("- websocket:\n    path: [\n"));
        window.validateNow();
        QVERIFY(!window.applyStatusText().isEmpty());
        look(QStringLiteral("error kept back"));
        problems.removeDuplicates();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

int main(int argc, char *argv[])
{
    UiTestApplication app(argc, argv, QStringLiteral("MocketLayoutTest"));
    TestLayout test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_ui_layout.moc"
