// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CatchQt - the only include of Catch2, plus readable printing of Qt types in failures.
#pragma once

#include <catch2/catch.hpp>

#include <QByteArray>
#include <QString>

namespace Catch {

template <> struct StringMaker<QString> {
    static std::string convert(const QString& value) { return '"' + value.toStdString() + '"'; }
};

template <> struct StringMaker<QByteArray> {
    static std::string convert(const QByteArray& value)
    {
        if (value.size() > 256) {
            return "QByteArray(" + std::to_string(value.size()) + " bytes)";
        }
        return '"' + value.toStdString() + '"';
    }
};

} // namespace Catch
