// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/ProfileValuesEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace steward::console::ui {
namespace {

QString typeOf(const QJsonObject& parameter)
{
    return parameter.value(QStringLiteral("type")).toString();
}

int clampToInt(qint64 value)
{
    return int(std::clamp<qint64>(value, std::numeric_limits<int>::min(),
                                  std::numeric_limits<int>::max()));
}

QStringList lines(const QPlainTextEdit& edit)
{
    QStringList result;
    for (const auto& line : edit.toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty()) {
            result.append(line.trimmed());
        }
    }
    return result;
}

} // namespace

ProfileValuesEditor::ProfileValuesEditor(QWidget* parent) : QWidget(parent)
{
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    m_form = new QWidget(scroll);
    new QGridLayout(m_form);
    scroll->setWidget(m_form);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QWidget* ProfileValuesEditor::makeEditor(const QJsonObject& parameter)
{
    const QString type = typeOf(parameter);
    const QJsonArray allowed = parameter.value(QStringLiteral("allowedValues")).toArray();
    if (type == QLatin1String("bool")) {
        auto* box = new QCheckBox(tr("on"), m_form);
        connect(box, &QCheckBox::toggled, this, &ProfileValuesEditor::edited);
        return box;
    }
    if (type == QLatin1String("choice")
        || (type == QLatin1String("integer") && !allowed.isEmpty())) {
        auto* combo = new QComboBox(m_form);
        for (const auto& value : allowed) {
            combo->addItem(value.isString() ? value.toString() : QString::number(value.toInteger()),
                           value.toVariant());
        }
        connect(combo, &QComboBox::currentIndexChanged, this, &ProfileValuesEditor::edited);
        return combo;
    }
    if (type == QLatin1String("integer")) {
        auto* spin = new QSpinBox(m_form);
        spin->setRange(clampToInt(parameter.value(QStringLiteral("minimum")).toInteger()),
                       clampToInt(parameter.value(QStringLiteral("maximum")).toInteger()));
        connect(spin, &QSpinBox::valueChanged, this, &ProfileValuesEditor::edited);
        return spin;
    }
    if (type == QLatin1String("string")) {
        auto* line = new QLineEdit(m_form);
        const int maxLength = parameter.value(QStringLiteral("maxLength")).toInt();
        if (maxLength > 0) {
            line->setMaxLength(maxLength);
        }
        connect(line, &QLineEdit::textChanged, this, &ProfileValuesEditor::edited);
        return line;
    }
    auto* text = new QPlainTextEdit(m_form);
    text->setPlaceholderText(type == QLatin1String("launchers")
                                 ? tr("one per line: name | RDP, VNC or browser | target")
                                 : tr("one per line"));
    text->setTabChangesFocus(true);
    text->setFixedHeight(text->fontMetrics().lineSpacing() * 4 + 12);
    connect(text, &QPlainTextEdit::textChanged, this, &ProfileValuesEditor::edited);
    return text;
}

void ProfileValuesEditor::setParameters(const QJsonArray& parameters)
{
    for (auto& [key, row] : m_rows) {
        delete row.set;
        delete row.editor;
    }
    m_rows.clear();
    auto* grid = static_cast<QGridLayout*>(m_form->layout());
    int line = 0;
    for (const auto& entry : parameters) {
        const QJsonObject parameter = entry.toObject();
        const QString key = parameter.value(QStringLiteral("key")).toString();
        Row row;
        row.parameter = parameter;
        row.set = new QCheckBox(key, m_form);
        row.set->setObjectName(QStringLiteral("set:") + key);
        const QString tip =
            tr("%1\nType %2, default %3%4")
                .arg(parameter.value(QStringLiteral("description")).toString(), typeOf(parameter),
                     QString::fromUtf8(
                         QJsonDocument(QJsonArray{parameter.value(QStringLiteral("default"))})
                             .toJson(QJsonDocument::Compact))
                         .mid(1)
                         .chopped(1),
                     parameter.value(QStringLiteral("rebootRequired")).toBool()
                         ? tr("; takes effect after a reboot")
                         : QString());
        row.set->setToolTip(tip);
        row.editor = makeEditor(parameter);
        row.editor->setObjectName(key);
        row.editor->setToolTip(tip);
        row.editor->setEnabled(false);
        connect(row.set, &QCheckBox::toggled, row.editor, &QWidget::setEnabled);
        connect(row.set, &QCheckBox::toggled, this, &ProfileValuesEditor::edited);
        grid->addWidget(row.set, line, 0, Qt::AlignTop);
        grid->addWidget(row.editor, line, 1);
        ++line;
        write(row, parameter.value(QStringLiteral("default")));
        m_rows.emplace(key, row);
    }
    grid->setRowStretch(line, 1);
    grid->setColumnStretch(1, 1);
}

void ProfileValuesEditor::setValues(const QJsonObject& values)
{
    for (auto& [key, row] : m_rows) {
        const bool set = values.contains(key);
        write(row, set ? values.value(key) : row.parameter.value(QStringLiteral("default")));
        row.set->setChecked(set);
    }
}

void ProfileValuesEditor::setValue(const QString& key, const QJsonValue& value)
{
    const auto it = m_rows.find(key);
    if (it != m_rows.end()) {
        it->second.set->setChecked(true);
        write(it->second, value);
    }
}

void ProfileValuesEditor::unset(const QString& key)
{
    const auto it = m_rows.find(key);
    if (it != m_rows.end()) {
        it->second.set->setChecked(false);
    }
}

QWidget* ProfileValuesEditor::editor(const QString& key) const
{
    const auto it = m_rows.find(key);
    return it == m_rows.end() ? nullptr : it->second.editor;
}

void ProfileValuesEditor::write(Row& row, const QJsonValue& value)
{
    if (auto* box = qobject_cast<QCheckBox*>(row.editor)) {
        box->setChecked(value.toBool());
    } else if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
        const int at = combo->findData(value.toVariant());
        combo->setCurrentIndex(at >= 0 ? at : 0);
    } else if (auto* spin = qobject_cast<QSpinBox*>(row.editor)) {
        spin->setValue(clampToInt(value.toInteger()));
    } else if (auto* line = qobject_cast<QLineEdit*>(row.editor)) {
        line->setText(value.toString());
    } else if (auto* text = qobject_cast<QPlainTextEdit*>(row.editor)) {
        QStringList items;
        for (const auto& item : value.toArray()) {
            if (item.isObject()) {
                const QJsonObject launcher = item.toObject();
                items.append(QStringLiteral("%1 | %2 | %3")
                                 .arg(launcher.value(QStringLiteral("name")).toString(),
                                      launcher.value(QStringLiteral("type")).toString(),
                                      launcher.value(QStringLiteral("target")).toString()));
            } else {
                items.append(item.toString());
            }
        }
        text->setPlainText(items.join(QLatin1Char('\n')));
    }
}

QJsonValue ProfileValuesEditor::read(const Row& row) const
{
    if (auto* box = qobject_cast<QCheckBox*>(row.editor)) {
        return box->isChecked();
    }
    if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
        return QJsonValue::fromVariant(combo->currentData());
    }
    if (auto* spin = qobject_cast<QSpinBox*>(row.editor)) {
        return spin->value();
    }
    if (auto* line = qobject_cast<QLineEdit*>(row.editor)) {
        return line->text();
    }
    QJsonArray items;
    const auto* text = qobject_cast<QPlainTextEdit*>(row.editor);
    const bool launchers = typeOf(row.parameter) == QLatin1String("launchers");
    for (const auto& line : lines(*text)) {
        if (!launchers) {
            items.append(line);
            continue;
        }
        const QStringList parts = line.split(QLatin1Char('|'));
        items.append(
            QJsonObject{{QStringLiteral("name"), parts.value(0).trimmed()},
                        {QStringLiteral("type"), parts.value(1).trimmed()},
                        {QStringLiteral("target"), parts.mid(2).join(QLatin1Char('|')).trimmed()}});
    }
    return items;
}

QJsonObject ProfileValuesEditor::values() const
{
    QJsonObject values;
    for (const auto& [key, row] : m_rows) {
        if (row.set->isChecked()) {
            values.insert(key, read(row));
        }
    }
    return values;
}

QStringList ProfileValuesEditor::problems() const
{
    QStringList problems;
    for (const auto& [key, row] : m_rows) {
        if (!row.set->isChecked()) {
            continue;
        }
        const QString pattern = row.parameter.value(QStringLiteral("pattern")).toString();
        if (const auto* line = qobject_cast<QLineEdit*>(row.editor);
            line && !pattern.isEmpty() && !line->text().isEmpty()) {
            const QRegularExpression expression(QRegularExpression::anchoredPattern(pattern));
            if (expression.isValid() && !expression.match(line->text()).hasMatch()) {
                problems.append(tr("%1: \"%2\" does not have the expected form (%3)")
                                    .arg(key, line->text(), pattern));
            }
        }
        if (typeOf(row.parameter) == QLatin1String("launchers")) {
            const auto* text = qobject_cast<QPlainTextEdit*>(row.editor);
            for (const auto& line : lines(*text)) {
                if (line.count(QLatin1Char('|')) < 2) {
                    problems.append(
                        tr("%1: \"%2\" is not \"name | type | target\"").arg(key, line));
                }
            }
        }
        const int maxItems = row.parameter.value(QStringLiteral("maxItems")).toInt();
        if (const auto* text = qobject_cast<QPlainTextEdit*>(row.editor);
            text && maxItems > 0 && lines(*text).size() > maxItems) {
            problems.append(tr("%1: at most %2 lines").arg(key).arg(maxItems));
        }
    }
    return problems;
}

} // namespace steward::console::ui
