// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileValuesEditor - one editor per registry parameter, chosen by its type.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

#include <map>

class QCheckBox;

namespace steward::console::ui {

/**
 * Built from GET /api/v1/parameters: each parameter has a "set in this profile" check box
 * (unchecked: the profile does not set it) and an editor for its type: bool a check box,
 * integer a spin box with the registry's minimum and maximum (a combo box when the values are
 * listed), choice a combo box, string a line edit checked against the pattern and length,
 * string-list one item per line, launchers one "name | type | target" per line. The
 * description is the tooltip. values() is what the profile sets; problems() names what the
 * console can already see is wrong (the server checks everything again).
 */
class ProfileValuesEditor : public QWidget {
    Q_OBJECT

public:
    explicit ProfileValuesEditor(QWidget* parent = nullptr);

    /** Rebuilds the editors for \a parameters (the registry's "parameters" array). */
    void setParameters(const QJsonArray& parameters);
    /** Shows \a values (key → value); parameters not in it are unset. */
    void setValues(const QJsonObject& values);
    /** The values of every parameter that is set. */
    [[nodiscard]] QJsonObject values() const;
    /** Sets one parameter (and ticks it), as the administrator would. */
    void setValue(const QString& key, const QJsonValue& value);
    /** Unticks one parameter. */
    void unset(const QString& key);
    /** "system.hostname: does not match [a-z]…" for each set value the editor can refuse. */
    [[nodiscard]] QStringList problems() const;
    /** The editor of \a key (QCheckBox, QSpinBox, QComboBox, QLineEdit or QPlainTextEdit). */
    [[nodiscard]] QWidget* editor(const QString& key) const;

Q_SIGNALS:
    void edited();

private:
    struct Row {
        QJsonObject parameter;
        QCheckBox* set = nullptr;
        QWidget* editor = nullptr;
    };
    [[nodiscard]] QJsonValue read(const Row& row) const;
    void write(Row& row, const QJsonValue& value);
    QWidget* makeEditor(const QJsonObject& parameter);

    std::map<QString, Row> m_rows;
    QWidget* m_form = nullptr;
};

} // namespace steward::console::ui
