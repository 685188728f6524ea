#pragma once

#include <QFrame>
#include <QMap>
#include <QStringList>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tandem {

/// A small inline form above the composer asking for the values of a canned response's
/// variables the desktop does not know (an order number, …). Enter moves to the next field and
/// inserts from the last one; Esc cancels. Nothing else is blocked while it is open.
class VariablePrompt : public QFrame
{
    Q_OBJECT
public:
    explicit VariablePrompt(QWidget *parent = nullptr);

    /// Shows one field per variable name and puts the cursor in the first.
    void ask(const QString &title, const QStringList &names);
    QLineEdit *field(const QString &name) const { return m_fields.value(name); }
    /// A readable name for a variable ("order.id" → "Order number").
    static QString label(const QString &name);

signals:
    void filled(const QMap<QString, QString> &values);
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void submit();
    void retranslate();

    QLabel *m_title;
    QFormLayout *m_form;
    QPushButton *m_insert;
    QPushButton *m_cancel;
    QMap<QString, QLineEdit *> m_fields;
    QStringList m_names;
    QString m_responseTitle;
};

} // namespace tandem
