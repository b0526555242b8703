-- wrk script for bench/intake.sh: complaints submitted through the gateway, POST /api/complaints,
-- with varied, realistic bodies (Chinese content, every kind, channel and category; some reports
-- anonymous). Citizens submit on the self-service channels (web, spokesperson_column) without a
-- token; the other channels (hotline, mailbox, letter, visit) are recorded by the spokesperson,
-- so those requests carry the Bearer token given as the script's argument (wrk ... -- <token>);
-- without a token only self-service channels are used.
-- done() prints key=value lines that intake.sh reads:
--   gateway_requests, gateway_duration_s, gateway_rps (all responses), gateway_ok (2xx),
--   gateway_ok_rps, gateway_non2xx, gateway_status_4xx, gateway_status_5xx,
--   gateway_status_429, gateway_socket_errors, gateway_p50_ms, gateway_p90_ms, gateway_p99_ms,
--   gateway_max_ms, gateway_staff_share (fraction of requests sent with the token),
--   gateway_first_non2xx (status and start of the body of the first non-2xx response, if any)

local kinds = { "complaint", "report", "consultation", "suggestion" }
-- Channel mix (weights in %): what a district bureau's intake roughly looks like.
local channel_weights = {
  { "web", 40 }, { "spokesperson_column", 15 },                        -- citizens, no token
  { "hotline_day", 15 }, { "hotline_night", 5 }, { "mailbox", 10 },    -- recorded by staff
  { "letter", 5 }, { "visit", 10 },
}
local self_service = { web = true, spokesperson_column = true }
local categories = {
  "urban_planning", "land_management", "expropriation_demolition", "farmland_protection",
  "illegal_construction", "staff_conduct", "other",
}

local places = {
  "城东街道幸福里小区", "高新区创业大道南段", "南湖镇三塘村五组", "滨江新城B-07地块", "老城区解放路菜市场旁",
  "工业园区西侧", "青山镇柳树湾村", "北站片区棚改项目", "东湖路与建设路交叉口", "开发区管委会对面",
}
local openers = {
  "您好，", "领导您好：", "尊敬的网络发言人：", "我是附近的居民，", "本人反映一个问题：", "",
}
local issues = {
  urban_planning = {
    "在建楼盘的规划许可公示与现场施工不一致，楼间距明显变小，影响低层住户采光",
    "小区配套的幼儿园用地被改成了商业用房，与当初公示的规划不符",
    "道路拓宽规划公示期只有五天，很多居民没有看到，希望延长公示并听取意见",
  },
  land_management = {
    "不动产登记中心要求补交的材料前后说法不一，来回跑了三次还没办成",
    "村集体土地被长期闲置，既不复垦也不利用，群众意见很大",
    "宅基地确权登记的面积与实际测量结果不一致，申请更正后一个多月没有答复",
  },
  expropriation_demolition = {
    "征收补偿方案公布后，我户的面积认定与测绘结果相差十二平方米，申请复核",
    "拆迁过渡期已超过协议约定六个月，安置房仍未交付，临时安置费也未按时发放",
    "评估公司入户时没有出示评估依据，补偿单价明显低于周边同类房屋",
  },
  farmland_protection = {
    "有人在基本农田上建设养殖棚，已经持续两个月，多次向村委反映无果",
    "耕地被挖塘取土，耕作层遭到破坏，请求核查并责令恢复",
    "永久基本农田里新建了看护房和硬化场地，疑似改变土地用途",
  },
  illegal_construction = {
    "某公司未批先建，违法占用集体土地建设厂房，现场仍在夜间施工，噪音扰民",
    "楼顶有住户私自加盖彩钢房，存在安全隐患，物业制止无效",
    "沿街商铺违规搭建雨棚和隔层，占用消防通道",
  },
  staff_conduct = {
    "窗口工作人员办理业务时态度生硬，不一次性告知所需材料",
    "执法人员现场检查时未出示执法证件，程序不规范",
    "经办人员以各种理由推诿，不按承诺时限办结，也不说明原因",
  },
  other = {
    "政府网站上的办事指南与窗口实际要求不一致，建议统一更新",
    "热线电话晚上经常打不通，希望增加夜间值班人员",
    "希望在乡镇设立便民服务点，方便老年人就近办理业务",
  },
}
local asks = {
  complaint = { "请尽快核实处理并答复。", "请相关科室依法处理，并告知处理结果。", "希望给一个明确的说法。" },
  report = { "请派人现场调查，依法查处。", "举报属实，请严肃处理，并对举报人信息保密。", "请尽快制止，避免造成更大损失。" },
  consultation = { "请问办理流程和所需材料是什么？", "想咨询一下政策依据和办结时限。", "能否在网上提交申请，是否需要本人到场？" },
  suggestion = { "建议在政府网站同步公开办理进度，方便群众监督。", "建议增加公众意见反馈渠道。", "建议定期组织回访，听取群众意见。" },
}
local surnames = { "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭" }
local givens = { "伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "杰", "军", "勇", "建华", "秀英", "志强", "海燕" }

local function pick(list)
  return list[math.random(#list)]
end

local titles = {
  urban_planning = "规划公示问题", land_management = "土地登记问题", expropriation_demolition = "征收补偿问题",
  farmland_protection = "耕地保护问题", illegal_construction = "违法建设问题", staff_conduct = "工作作风问题",
  other = "其他问题",
}

local function pick_channel(allow_staff)
  while true do
    local r, acc = math.random(100), 0
    for _, cw in ipairs(channel_weights) do
      acc = acc + cw[2]
      if r <= acc then
        if allow_staff or self_service[cw[1]] then return cw[1] end
        break
      end
    end
  end
end

-- One submission: returns the JSON body and whether it needs the staff token.
local function body(allow_staff)
  local kind = pick(kinds)
  local category = pick(categories)
  local channel = pick_channel(allow_staff)
  local content = pick(openers) .. pick(places) .. pick(issues[category]) .. "。" .. pick(asks[kind])
  local fields = {
    string.format('"kind":"%s","channel":"%s","category":"%s"', kind, channel, category),
  }
  if math.random() < 0.5 then
    table.insert(fields, string.format('"title":"%s"', titles[category]))
  end
  table.insert(fields, string.format('"content":"%s"', content))
  if not (kind == "report" and math.random() < 0.3) then -- some reports are anonymous
    local name = pick(surnames) .. pick(givens)
    local phone = string.format("1%d%d%08d", math.random(3, 9), math.random(0, 9), math.random(0, 99999999))
    table.insert(fields, string.format('"contact":{"name":"%s","phone":"%s"}', name, phone))
  end
  return "{" .. table.concat(fields, ",") .. "}", not self_service[channel]
end

local path = "/api/complaints"
local citizen_headers = { ["Content-Type"] = "application/json; charset=utf-8", ["Accept"] = "application/json" }

-- Per thread: a pool of prepared requests, used round robin (keeps wrk's own CPU cost low).
local pool, next_index = {}, 1
ok, non2xx, s4xx, s5xx, s429, first_non2xx, staff_share = 0, 0, 0, 0, 0, "", 0

local threads = {}
function setup(thread)
  thread:set("thread_index", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_index or 0) * 7919)
  local token = args[1]
  local staff_headers = {
    ["Content-Type"] = "application/json; charset=utf-8", ["Accept"] = "application/json",
    ["Authorization"] = token and ("Bearer " .. token) or nil,
  }
  local staff = 0
  for i = 1, 512 do
    local b, needs_token = body(token ~= nil and token ~= "")
    if needs_token then staff = staff + 1 end
    pool[i] = wrk.format("POST", path, needs_token and staff_headers or citizen_headers, b)
  end
  staff_share = staff / 512
end

function request()
  local r = pool[next_index]
  next_index = next_index % #pool + 1
  return r
end

function response(status, hdrs, resp_body)
  if status >= 200 and status < 300 then
    ok = ok + 1
    return
  end
  non2xx = non2xx + 1
  if status >= 500 then s5xx = s5xx + 1 elseif status >= 400 then s4xx = s4xx + 1 end
  if status == 429 then s429 = s429 + 1 end
  if first_non2xx == "" then
    first_non2xx = tostring(status) .. " " .. string.sub((resp_body or ""):gsub("[\r\n]", " "), 1, 200)
  end
end

function done(summary, latency, requests)
  local n_ok, n_bad, n4, n5, n429, first, share = 0, 0, 0, 0, 0, "", 0
  for _, t in ipairs(threads) do
    n_ok = n_ok + (t:get("ok") or 0)
    n_bad = n_bad + (t:get("non2xx") or 0)
    n4 = n4 + (t:get("s4xx") or 0)
    n5 = n5 + (t:get("s5xx") or 0)
    n429 = n429 + (t:get("s429") or 0)
    share = share + (t:get("staff_share") or 0) / #threads
    if first == "" then first = t:get("first_non2xx") or "" end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("gateway_requests=%d\n", summary.requests))
  io.write(string.format("gateway_duration_s=%.2f\n", seconds))
  io.write(string.format("gateway_rps=%.2f\n", summary.requests / seconds))
  io.write(string.format("gateway_ok=%d\n", n_ok))
  io.write(string.format("gateway_ok_rps=%.2f\n", n_ok / seconds))
  io.write(string.format("gateway_non2xx=%d\n", n_bad))
  io.write(string.format("gateway_status_4xx=%d\n", n4))
  io.write(string.format("gateway_status_5xx=%d\n", n5))
  io.write(string.format("gateway_status_429=%d\n", n429))
  io.write(string.format("gateway_staff_share=%.2f\n", share))
  io.write(string.format("gateway_socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("gateway_p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("gateway_p90_ms=%.2f\n", latency:percentile(90) / 1000))
  io.write(string.format("gateway_p99_ms=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("gateway_max_ms=%.2f\n", latency.max / 1000))
  if first ~= "" then
    io.write("gateway_first_non2xx=" .. first .. "\n")
  end
end
