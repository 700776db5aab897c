// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceView - a device as REST and console events show it.
#pragma once

#include "server/db/records/Device.h"

#include <QJsonObject>

#include <optional>

namespace steward::server::services {

/**
 * {"id","name","unitId","hostname","online","lastContact","lastIp","enrolledAt","released",
 *  "certificateFingerprint" ("AB:CD:…"),"certificateInUse" ({"id","fingerprint"}: the
 *  device-communication certificate it pins, null when not
 * known),"revision","inventory","folder","lastBoot", "runtimeSeconds" (since the last boot, null
 * while offline),"operatingSeconds" (every online period, the open one included)}; absent times,
 * the root folder (folder null) and an inventory not reported yet are null.
 */
[[nodiscard]] QJsonObject deviceJson(const db::Device& device, bool online);

/**
 * The same plus "reachable": whether the device answered the UDP online check lately (true),
 * was probed without answering (false) or was not probed, e.g. because it is online (null).
 */
[[nodiscard]] QJsonObject deviceJson(const db::Device& device, bool online,
                                     std::optional<bool> reachable);

} // namespace steward::server::services
