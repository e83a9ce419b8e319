#pragma once

#include "specoutline.h"

#include <QWidget>

class FormTextEdit;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

// The form of an HTTP "endpoint:" item: method, path, the response's status, headers, body
// and delay, and the frames it pushes to WebSocket clients. Like ReplyForm it reads the keys from
// the outline and says which keys should change; a value the loader would reject shows the loader's
// message next to its field and is left out.
class HttpEndpointForm : public QWidget
{
    Q_OBJECT

public:
    explicit HttpEndpointForm(QWidget *parent = nullptr);

    // Shows the item (fields with focus keep what the user is typing).
    void load(const HttpEndpointOutline &endpoint);
    // The keys of the endpoint map (method, path) and of its response map (status, headers,
    // body, delay) that should change for the file to say what the form does.
    SpecEdits::KeyValues endpointChanges(const HttpEndpointOutline &endpoint) const;
    SpecEdits::KeyValues responseChanges(const HttpEndpointOutline &endpoint) const;

    QComboBox *methodField() const { return m_method; }
    QLineEdit *pathField() const { return m_path; }
    QSpinBox *statusField() const { return m_status; }
    QPlainTextEdit *headersField() const;
    QPlainTextEdit *bodyField() const;
    QLineEdit *delayField() const { return m_delay; }
    QPlainTextEdit *pushesField() const;
    // The messages shown next to the fields, joined; empty when all is well.
    QString problems() const;

signals:
    void typing(); // text typed: commit after a pause
    void committed(); // a choice made or a field left: commit now

private:
    void connectFields();
    void validate();
    QString methodText() const;
    // The headers box as a map, or a problem with one of its lines.
    YamlValue headersValue(QString *problem) const;
    // The pushes box as a list of {path, message}, or a problem with one of its lines.
    YamlValue pushesValue(QString *problem) const;
    void loadPushes(const HttpEndpointOutline &endpoint);

    bool m_loading = false;
    QLabel *m_title = nullptr;
    QComboBox *m_method = nullptr;
    QLabel *m_methodProblem = nullptr;
    QLineEdit *m_path = nullptr;
    QSpinBox *m_status = nullptr;
    FormTextEdit *m_headers = nullptr;
    QLabel *m_headersProblem = nullptr;
    FormTextEdit *m_body = nullptr;
    QLineEdit *m_delay = nullptr;
    QLabel *m_delayProblem = nullptr;
    FormTextEdit *m_pushes = nullptr;
    QLabel *m_pushesProblem = nullptr;
};
