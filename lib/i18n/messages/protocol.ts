// The public device-protocol page (/protocol). zh-CN first; en must have exactly the same keys.
// Text between `backticks` is shown as code (field names, topics, values stay untranslated).
export const zhCN = {
  'protocol.title': '设备接入协议',
  'protocol.heading': '阳光秤设备接入协议 v1',
  'protocol.intro':
    '本页面向计价秤厂商：按照本文档，使用任何 MQTT 客户端即可把秤接入平台。所有消息只定义一次（zod 模式）：平台的接收服务据此校验，本页的字段表和 AsyncAPI 文档都由它生成，三者不会互相矛盾。',
  'protocol.asyncapi': 'AsyncAPI 3.0 文档（机器可读）',
  'protocol.bankApi': '银行支付通知接口（面向合作银行）',
  'protocol.toc': '目录',
  'protocol.section.connection': '连接',
  'protocol.section.topics': '主题',
  'protocol.section.common': '公共字段',
  'protocol.section.messages': '消息',
  'protocol.section.sequence': '序号、遗嘱与时钟',
  'protocol.section.signature': '规范形式与签名',
  'protocol.section.example': '完整示例',
  'protocol.section.reasons': '拒收原因',
  'protocol.section.findings': '核查发现',

  'protocol.connection.broker': 'MQTT 3.1.1 或 5.0，TCP 端口 1883（部署提供 TLS 时为 8883）。代理地址在设备登记时随密钥一同下发。',
  'protocol.connection.clientId': '每台秤一条连接，客户端标识为 `scale-{serial}`；建议 keepAlive 60 秒。',
  'protocol.connection.session': '使用持久会话（cleanSession / cleanStart = false）；所有消息 QoS 1，retain = false。',
  'protocol.connection.storeForward':
    '存储转发：秤保留每条称重、事件和核查消息，直到平台的存储确认（StoredAck，见下文）覆盖它的 seq；代理的 PUBACK 不够——代理崩溃时会丢失它已确认、但尚未存盘的消息。重连后 MQTT 客户端会重发未获 PUBACK 的消息；一直未被存储确认覆盖的消息，秤按时重发。平台只在写入数据库之后才确认，重发的消息只会被识别为重复，不会重复入库。',
  'protocol.connection.payload': '每条消息是一个 UTF-8 编码的 JSON 对象，不超过 {bytes} 字节，不带 BOM。数值一律为整数：质量以毫克（mg）计，金额以分（fen）计，单价以分/千克（fen/kg）计。',

  'protocol.topics.topic': '主题',
  'protocol.topics.kind': '消息',
  'protocol.topics.when': '何时发布',
  'protocol.topics.subscription':
    '平台订阅 `sunshine/v1/scales/+/+`（多个接收进程以 MQTT 5 共享订阅 `$share/ingest/…` 分担负载）。主题决定消息的种类：载荷中没有种类字段，而各种类的模式互不相容，所以一条签名消息只在一个主题上有效。',
  'protocol.kind.weighing': '称重交易',
  'protocol.kind.status': '状态',
  'protocol.kind.event': '事件',
  'protocol.kind.check': '核查称量',
  'protocol.when.weighing': '每笔交易确定价格（打印小票或付款）时发布一次。',
  'protocol.when.status': '连接后立即发布 `online`，之后作为心跳（每 60 秒一次即可）；`offline` 是遗嘱，正常停机时由秤自行发布。',
  'protocol.when.event': '事件记录器中的每个计量相关事件：开机、置零、去皮、标定、参数配置、开封、自锁、解锁。',
  'protocol.when.check': '秤自检：称量一个已知质量的砝码。',

  'protocol.fields.field': '字段',
  'protocol.fields.type': '类型与范围',
  'protocol.fields.unit': '单位',
  'protocol.fields.meaning': '含义',
  'protocol.fields.optionalNote': '带 `?` 的字段可以省略，其余字段必填；出现未定义的字段即以 `schema` 拒收。',
  'protocol.fields.commonNote': '以下字段出现在每一种消息中，后面各消息的字段表不再重复。',
  'protocol.unit.mg': 'mg（毫克）',
  'protocol.unit.fen': 'fen（分）',
  'protocol.unit.fen/kg': 'fen/kg（分/千克）',

  'protocol.field.common.v': '协议版本，固定为 1。',
  'protocol.field.common.serial': '秤的出厂序列号，须与主题中的 `{serial}` 一致。',
  'protocol.field.common.seq': '序号：每台秤一个计数器，见“序号、遗嘱与时钟”。',
  'protocol.field.common.at': '消息产生的时刻（秤的时钟），ISO 8601，带 `Z` 或 `±hh:mm`。',
  'protocol.field.common.sig': '签名：规范形式的 HMAC-SHA256，64 位小写十六进制，见“规范形式与签名”。',
  'protocol.field.weighing.plu': '商品编码（PLU），与市场登记的品名一致，4–6 位数字。',
  'protocol.field.weighing.unitPriceFenPerKg': '显示的单价。',
  'protocol.field.weighing.grossMg': '秤盘上的毛重；可以为负（例如秤盘被拿起）。',
  'protocol.field.weighing.tareMg': '生效的皮重。',
  'protocol.field.weighing.netMg': '显示的净重（毛重 − 皮重）。负的净重照实上报：它是一个核查发现，而不是格式错误。',
  'protocol.field.weighing.priceFen': '显示并打印的应付金额。',
  'protocol.field.weighing.stable': '取价时秤是否处于稳定状态。',
  'protocol.field.weighing.payment': '付款方式：`bank_qr` 项目银行聚合收款码，`cash` 现金，`card` 银行卡。',
  'protocol.field.weighing.receipt':
    '小票二维码中的令牌：由密码学安全随机数生成器产生的 16 字节（128 位），base64url 编码、无填充，共 22 个字符。每笔交易必须使用新的令牌：若令牌已属于另一笔交易，该交易仍会入库，但记为发现 `receipt_reused`，并另行获得一个派生令牌作为自己的小票；印有重复令牌的小票从此无法核验任何一笔交易。',
  'protocol.field.status.state': '`online`：连接时及心跳；`offline`：遗嘱或正常停机。',
  'protocol.field.event.kind':
    '事件：`power_on` 开机，`zero` 置零，`tare` 去皮，`calibration` 标定，`configuration` 参数配置，`seal_open` 开封/拆机，`self_lock` 自锁，`unlock` 授权解锁。',
  'protocol.field.event.counters': '事件发生后秤的事件计数器（WELMEC 7.2 事件记录器）。',
  'protocol.field.event.counters.calibration': '标定计数器，000–999。',
  'protocol.field.event.counters.configuration': '参数配置计数器，000–999。',
  'protocol.field.event.change': '标定和参数配置事件须填写：改动的参数及其新旧值。',
  'protocol.field.event.change.param':
    '参数：`span` 量程系数，`e` 检定分度值，`max` 最大秤量，`unit_factor` 单位换算系数，`decimal_point` 小数点，`software` 软件，`other` 其他。',
  'protocol.field.event.change.old': '改动前的值，按秤显示的写法（最多 64 个字符）。',
  'protocol.field.event.change.new': '改动后的值，按秤显示的写法（最多 64 个字符）。',
  'protocol.field.event.grossMg': '置零和去皮事件：按键时的毛重。',
  'protocol.field.check.referenceMg': '砝码的约定真值。',
  'protocol.field.check.indicationMg': '秤对它的示值。误差 = 示值 − 约定真值。',

  'protocol.sequence.seq':
    '`seq` 是每台秤一个的计数器，称重、事件、核查三种消息共用：第一条消息为 1，之后每条消息加 1，永不重复使用，重启后也不得回退（请保存在非易失存储中）。平台以 (serial, seq) 识别消息：同一条消息重发时只确认、不重复入库；被跳过的序号记为“缺失的消息”，迟到的消息会补上缺口。',
  'protocol.sequence.status': '状态消息不占用序号：它携带秤最近一条消息的 seq（还未发送过消息时为 0）。',
  'protocol.sequence.will':
    '遗嘱：秤在连接时生成并签名一条 `offline` 状态消息（当前 seq，`at` 为连接时刻），设为 MQTT 遗嘱（主题 `…/{serial}/status`，QoS 1，retain false），然后发布 `online`。正常停机时，秤在 DISCONNECT 之前自行发布 `offline`（代理随即丢弃遗嘱）。由于状态消息不占用序号，几小时后才触发的遗嘱依然有效；平台以收到 `offline` 的时刻作为离线时间。',
  'protocol.sequence.clock':
    '时钟：`at` 比平台时钟快 {skew} 分钟以上，或早于 {age} 天的消息，以 `clock_skew` 拒收（`offline` 状态除外）。断网后存储转发的迟到消息在此期限内照常接收。请用 NTP 校时。',

  'protocol.section.storedAck': '存储确认（StoredAck）',
  'protocol.storedAck.why':
    '平台在数据库提交（COMMIT）之后，告诉每台秤它已经持久保存了哪些消息。这是“不丢数据”的最终依据：无论代理重启、崩溃还是断网，秤只要保留未被确认的消息并按时重发，就不会丢失任何一笔交易。',
  'protocol.storedAck.topic':
    '平台发布到 `sunshine/v1/scales/{serial}/down/stored-ack`，QoS 1，retain = true，只保留最新状态。秤在每次连接后（无论代理是否保留了会话）都订阅这个主题，保留消息会立即送达。',
  'protocol.storedAck.rule':
    '含义：从 1 到 `last` 的每个 seq 都已存储，`missing` 中列出的区间除外。已存储是永久的，所以每条存储确认都一直成立：秤可以按任何顺序应用它们，旧的确认只是确认得少一些。',
  'protocol.storedAck.scale':
    '秤的做法：先核验签名和 serial（不通过则丢弃这条确认）；删除被确认覆盖的记录；仍未覆盖的记录，发送 30 秒后重发，之后间隔加倍，最长 10 分钟。存储满时停止交易，而不是丢弃记录。',
  'protocol.storedAck.signature':
    '签名规则与秤自己的消息相同：规范形式的 HMAC-SHA256，密钥是该秤的密钥。只有平台和这台秤持有密钥，其他人无法伪造确认让秤删除记录。',
  'protocol.storedAck.refused':
    '平台拒收的消息（例如 `clock_skew`）不会被确认，会一直出现在 `missing` 中；秤的重发间隔会拉长到 10 分钟，超过 {age} 天的记录可以删除，因为平台再也不会接收它。',
  'protocol.storedAck.field.last': '从 1 到 last 的每个 seq 都已存储（missing 除外）；0 表示还没有。',
  'protocol.storedAck.field.missing': '不超过 16 个 [from, to] 区间（含两端），升序：last 以下尚未存储的 seq。缺口更多时，last 会降低，保证规则成立。',
  'protocol.storedAck.field.at': '平台生成这条确认的时间（平台时钟）。',
  'protocol.storedAck.example': '示例：演示秤的 1042 和 1044 已存储，1043（标定事件）尚未送达，秤保留并重发它。',
  'protocol.storedAck.canonical': '规范形式（签名所覆盖的字符串）',
  'protocol.storedAck.openssl': '秤用自己的密钥核验签名（与 OpenSSL 的结果比较）',

  'protocol.signature.step1': '去掉 `sig` 字段。',
  'protocol.signature.step2':
    '把其余内容写成 JSON：每一层对象的键都按 UTF-16 码元顺序排序，不留任何空白；字符串、整数、布尔值和 null 按 JSON.stringify 的规则书写。所有数值都是整数，因此结果与 RFC 8785（JCS）一致。',
  'protocol.signature.step3': '`sig` = HMAC-SHA256（键：秤密钥字符串的 UTF-8 字节；消息：上述 JSON 字符串的 UTF-8 字节），写成 64 位小写十六进制。',
  'protocol.signature.secret':
    '密钥在设备登记时签发：64 个小写十六进制字符（256 位随机数），只显示一次，平台加密保存，可随时吊销。注意：HMAC 的键是这 64 个字符本身，而不是它们所表示的 32 个字节。',
  'protocol.signature.verify':
    '平台用同样的方法重新计算签名并以恒定时间比较，不一致即以 `bad_signature` 拒收。字段顺序和空白不影响签名；改动任何一个值都会使签名失效。',

  'protocol.example.warning': '示例密钥已公开，仅供演示，切勿用于真实设备。序列号 DEMO-0001 未在平台登记，发布后平台会以 `unknown_scale` 拒收。',
  'protocol.example.scenario':
    '场景：一台 Max 15 kg、e = d = 5 g 的秤。西红柿（PLU 1006）单价 7.00 元/千克，皮重 5 克，净重 1.235 千克：应付 7.00 × 1.235 = 8.645 元，按四舍五入到 1 分为 8.65 元（865 分）。',
  'protocol.example.secret': '1. 示例密钥',
  'protocol.example.message': '2. 待签名的消息',
  'protocol.example.canonical': '3. 规范形式（签名所覆盖的字符串）',
  'protocol.example.openssl': '4. 用 OpenSSL 计算签名',
  'protocol.example.output': '输出（OpenSSL 3.0；等号前的标签随版本不同，等号后的 64 位十六进制就是签名）：',
  'protocol.example.signed': '5. 加上 `sig` 的消息',
  'protocol.example.publish': '6. 发布（把 `<host>` 换成代理地址）',
  'protocol.example.computed': '本页的签名在页面生成时由平台自己的签名代码计算，另有单元测试用真实的 openssl 逐字核对。',

  'protocol.reasons.intro':
    '被拒收的消息同样会被确认（以免无限重发），并连同原始字节、主题和原因保存在平台的死信表中，计入监控。检查按下表顺序进行，第一个不满足的条件就是原因：',
  'protocol.reasons.reason': '原因',
  'protocol.reasons.meaning': '含义',
  'protocol.reason.bad_topic': '主题不是 `sunshine/v1/scales/{serial}/` 加 `weighings`、`status`、`events`、`checks` 之一，或序列号格式不对。',
  'protocol.reason.too_large': '载荷超过 {bytes} 字节。',
  'protocol.reason.not_json': '载荷不是 UTF-8 文本，或不是 JSON（带 BOM 也会被拒收）。',
  'protocol.reason.schema': '是 JSON，但不符合该主题的消息模式：字段缺失、多余、超出范围或类型不对；嵌套超过 8 层；键重复。',
  'protocol.reason.topic_serial_mismatch': '载荷中的 `serial` 与主题中的序列号不一致。',
  'protocol.reason.unknown_scale': '平台上没有登记这个序列号的秤。',
  'protocol.reason.revoked_scale': '该秤的密钥已被吊销：重新登记之前，它的消息一律拒收。',
  'protocol.reason.bad_signature': '`sig` 不是用该秤密钥对规范形式计算的 HMAC-SHA256。',
  'protocol.reason.replayed_seq': '该 seq 已被这台秤的另一条消息使用（与已接收消息完全相同的重发只确认、不入库）。',
  'protocol.reason.clock_skew': '秤的时钟不对：`at` 比平台时钟快 {skew} 分钟以上，或早于 {age} 天。',

  'protocol.findings.intro': '签名有效的消息一律入库；不合规之处记为“发现”，显示给监管人员，并体现在消费者扫码核验的小票页上。',
  'protocol.findings.finding': '发现',
  'protocol.finding.below_min': '净重大于零但小于最小秤量 Min：不是合法的贸易称量。',
  'protocol.finding.above_max': '净重超过最大秤量 Max。',
  'protocol.finding.negative_net': '净重为负。',
  'protocol.finding.not_multiple_of_d': '毛重、皮重或净重不是实际分度值 d 的整数倍。',
  'protocol.finding.mass_arithmetic': '毛重 − 皮重 ≠ 净重。',
  'protocol.finding.price_mismatch': '应付金额 ≠ 单价 × 净重（四舍五入到计价间隔，通常 1 分）；仅在净重 ≥ 0 时核算。',
  'protocol.finding.price_on_invalid_mass': '对负重量或超载重量显示了大于零的金额。',
  'protocol.finding.unstable': '取价时秤未稳定（冲击作弊的信号）。',
  'protocol.finding.scale_suspended': '该秤已被监管部门停用或已报废。',
  'protocol.finding.verification_invalid': '该秤没有有效的检定：已过期、不合格或从未检定。',
  'protocol.finding.receipt_reused':
    '小票令牌已被另一笔交易使用。这笔交易仍入库，其小票另用派生令牌（`SHA-256` 摘要的前 128 位，格式与打印的令牌相同），可从商户的交易列表打开；打印的令牌扫码后只提示“无法核验”，不显示任何一笔交易。',
  'protocol.finding.counter_moved': '标定或参数配置计数器与平台记录不一致。',
  'protocol.finding.seal_open': '秤报告机壳或封印被打开。',
  'protocol.finding.self_lock': '秤已自锁。',
  'protocol.finding.zero_while_negative': '在毛重为负时置零或去皮（预留底数作弊的信号）。',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'protocol.title': 'Device protocol',
  'protocol.heading': 'Sunshine Scale device protocol v1',
  'protocol.intro':
    'For scale makers: with this page and any MQTT client you can connect a scale to the platform. Every message is defined once, as a zod schema: the platform’s ingest validates with it, and the field tables below and the AsyncAPI document are generated from it, so the three cannot disagree.',
  'protocol.asyncapi': 'AsyncAPI 3.0 document (machine-readable)',
  'protocol.bankApi': 'Bank payment webhook (for the programme bank)',
  'protocol.toc': 'Contents',
  'protocol.section.connection': 'Connection',
  'protocol.section.topics': 'Topics',
  'protocol.section.common': 'Common fields',
  'protocol.section.messages': 'Messages',
  'protocol.section.sequence': 'Sequence numbers, last will and clock',
  'protocol.section.signature': 'Canonical form and signature',
  'protocol.section.example': 'Worked example',
  'protocol.section.reasons': 'Reasons for refusal',
  'protocol.section.findings': 'Findings',

  'protocol.connection.broker': 'MQTT 3.1.1 or 5.0 over TCP port 1883 (8883 with TLS where the deployment offers it). The broker address is given with the secret when the scale is provisioned.',
  'protocol.connection.clientId': 'One connection per scale, client id `scale-{serial}`; keepAlive 60 s is a good value.',
  'protocol.connection.session': 'A persistent session (cleanSession / cleanStart = false); QoS 1 for every message, retain = false.',
  'protocol.connection.storeForward':
    'Store and forward: the scale keeps every weighing, event and check until the platform’s stored acknowledgement (StoredAck, below) covers its seq. The broker’s PUBACK is not enough: a broker that crashes loses what it acknowledged but had not yet saved. After a reconnect the MQTT client sends again what has no PUBACK; what stays uncovered by a StoredAck the scale sends again on a timer. The platform confirms only after writing to its database, and a record sent again is recognised as a duplicate, never stored twice.',
  'protocol.connection.payload': 'Each message is one JSON object in UTF-8, at most {bytes} bytes, without a byte-order mark. Every number is an integer: mass in milligrams (mg), money in fen, unit price in fen per kg.',

  'protocol.topics.topic': 'Topic',
  'protocol.topics.kind': 'Message',
  'protocol.topics.when': 'Published',
  'protocol.topics.subscription':
    'The platform subscribes to `sunshine/v1/scales/+/+` (several ingest workers share the load with the MQTT 5 shared subscription `$share/ingest/…`). The topic decides the kind: payloads carry no kind field, and the schemas of the kinds exclude each other, so a signed message is valid on one topic only.',
  'protocol.kind.weighing': 'Weighing',
  'protocol.kind.status': 'Status',
  'protocol.kind.event': 'Event',
  'protocol.kind.check': 'Check weighing',
  'protocol.when.weighing': 'Once per transaction, when the price is taken (receipt printed or payment made).',
  'protocol.when.status': '`online` right after connecting, then as a heartbeat (every 60 s is plenty); `offline` is the last will, or sent by the scale on a clean stop.',
  'protocol.when.event': 'Every metrologically relevant event of the event logger: power on, zero, tare, calibration, configuration, case opened, self-lock, unlock.',
  'protocol.when.check': 'A self-check: the scale weighs a reference weight of known mass.',

  'protocol.fields.field': 'Field',
  'protocol.fields.type': 'Type and range',
  'protocol.fields.unit': 'Unit',
  'protocol.fields.meaning': 'Meaning',
  'protocol.fields.optionalNote': 'Fields marked `?` may be left out; all others are required. A field not listed here is refused as `schema`.',
  'protocol.fields.commonNote': 'These fields are part of every message; the tables of the messages below do not repeat them.',
  'protocol.unit.mg': 'mg (milligram)',
  'protocol.unit.fen': 'fen (0.01 yuan)',
  'protocol.unit.fen/kg': 'fen per kg',

  'protocol.field.common.v': 'Protocol version, always 1.',
  'protocol.field.common.serial': 'The scale’s serial number; must equal the `{serial}` of the topic.',
  'protocol.field.common.seq': 'Sequence number: one counter per scale, see “Sequence numbers, last will and clock”.',
  'protocol.field.common.at': 'When the message was made, on the scale’s clock: ISO 8601 with `Z` or `±hh:mm`.',
  'protocol.field.common.sig': 'Signature: HMAC-SHA256 of the canonical form, 64 lowercase hex digits; see “Canonical form and signature”.',
  'protocol.field.weighing.plu': 'Commodity code (PLU) as registered with the market, 4–6 digits.',
  'protocol.field.weighing.unitPriceFenPerKg': 'The unit price as displayed.',
  'protocol.field.weighing.grossMg': 'Gross mass on the load receptor; may be negative (pan lifted, say).',
  'protocol.field.weighing.tareMg': 'The tare in effect.',
  'protocol.field.weighing.netMg': 'The net mass as displayed (gross − tare). A negative net is reported as it is: it is a finding, not a format error.',
  'protocol.field.weighing.priceFen': 'The price to pay, as displayed and printed.',
  'protocol.field.weighing.stable': 'Whether the scale was at rest when the price was taken.',
  'protocol.field.weighing.payment': 'How the shopper paid: `bank_qr` the programme bank’s aggregated QR code, `cash`, `card`.',
  'protocol.field.weighing.receipt':
    'The token in the receipt’s QR code: 16 bytes (128 bits) from a cryptographically secure random generator, base64url without padding, 22 characters. Every weighing needs a new token: one that already belongs to another weighing is still stored, with the finding `receipt_reused` and a derived token of its own for its receipt; the printed token then verifies neither purchase.',
  'protocol.field.status.state': '`online`: on connect and as a heartbeat; `offline`: the last will, or a clean stop.',
  'protocol.field.event.kind':
    'What happened: `power_on`, `zero`, `tare`, `calibration`, `configuration` (a parameter changed), `seal_open` (case opened), `self_lock`, `unlock` (by authorised staff).',
  'protocol.field.event.counters': 'The scale’s event counters after the event (WELMEC 7.2 event logger).',
  'protocol.field.event.counters.calibration': 'Calibration counter, 000–999.',
  'protocol.field.event.counters.configuration': 'Configuration counter, 000–999.',
  'protocol.field.event.change': 'Required for calibration and configuration events: the parameter changed, with its old and new value.',
  'protocol.field.event.change.param':
    'Parameter: `span`, `e` (verification interval), `max` (capacity), `unit_factor` (unit conversion), `decimal_point`, `software`, `other`.',
  'protocol.field.event.change.old': 'Value before, written as the scale shows it (at most 64 characters).',
  'protocol.field.event.change.new': 'Value after, written as the scale shows it (at most 64 characters).',
  'protocol.field.event.grossMg': 'For zero and tare events: the gross mass when the key was pressed.',
  'protocol.field.check.referenceMg': 'The conventional true mass of the reference weight.',
  'protocol.field.check.indicationMg': 'What the scale indicated for it. Error = indication − reference.',

  'protocol.sequence.seq':
    '`seq` is one counter per scale, shared by weighings, events and checks: 1 for the first message, +1 for each after it, never reused, never going back after a restart (keep it in non-volatile memory). The platform identifies a message by (serial, seq): a message sent again is acknowledged and not stored twice; a skipped seq is recorded as a message that never arrived, and a late message closes the gap.',
  'protocol.sequence.status': 'A status does not use a seq up: it carries the seq of the scale’s latest message (0 before the first).',
  'protocol.sequence.will':
    'Last will: on connecting, the scale composes and signs an `offline` status (its current seq, `at` = the moment of connecting) and sets it as the MQTT will (topic `…/{serial}/status`, QoS 1, retain false), then publishes `online`. On a clean stop it publishes `offline` itself before DISCONNECT (the broker then discards the will). Since a status uses no seq, a will that fires hours later is still valid; the platform takes the moment it receives `offline` as the time the scale went offline.',
  'protocol.sequence.clock':
    'Clock: a message whose `at` is more than {skew} minutes ahead of the platform’s clock, or older than {age} days, is refused as `clock_skew` (an `offline` status is exempt). Late messages from store and forward are accepted within that window. Keep the clock on NTP.',

  'protocol.section.storedAck': 'Stored acknowledgement (StoredAck)',
  'protocol.storedAck.why':
    'After its database COMMIT the platform tells each scale what it has durably stored. This is what makes “nothing lost” hold: whether the broker restarts, crashes or the network drops, a scale that keeps what is not yet confirmed and sends it again loses no transaction.',
  'protocol.storedAck.topic':
    'The platform publishes to `sunshine/v1/scales/{serial}/down/stored-ack`, QoS 1, retain = true, the newest state only. The scale subscribes to it after every connect (whether or not the broker kept its session); the retained message arrives at once.',
  'protocol.storedAck.rule':
    'Meaning: every seq from 1 to `last` is stored, except the ranges in `missing`. Being stored is permanent, so every StoredAck stays true: a scale may apply them in any order, and an older one only confirms less.',
  'protocol.storedAck.scale':
    'What the scale does: check the signature and the serial (drop the StoredAck if either is wrong); delete the records it covers; send a record that stays uncovered again 30 s after sending it, then at doubling intervals up to 10 minutes. When its memory is full it stops trading rather than drop a record.',
  'protocol.storedAck.signature':
    'Signed with the same rule as the scale’s own messages: HMAC-SHA256 of the canonical form, keyed with that scale’s secret. Only the platform and the scale hold it, so nobody else can make a scale delete its records.',
  'protocol.storedAck.refused':
    'A message the platform refuses (e.g. `clock_skew`) is never confirmed and stays in `missing`; the scale’s resend interval grows to 10 minutes, and a record older than {age} days may be deleted, since the platform can never accept it.',
  'protocol.storedAck.field.last': 'Every seq from 1 to last is stored (except missing); 0: nothing yet.',
  'protocol.storedAck.field.missing': 'At most 16 [from, to] ranges (inclusive), ascending: seqs below last not stored. With more gaps, last is lowered so that the rule holds.',
  'protocol.storedAck.field.at': 'When the platform made this StoredAck, on its clock.',
  'protocol.storedAck.example': 'Example: the demo scale’s 1042 and 1044 are stored, 1043 (the calibration event) has not arrived; the scale keeps it and sends it again.',
  'protocol.storedAck.canonical': 'Its canonical form (the string the signature covers)',
  'protocol.storedAck.openssl': 'The scale checks the signature with its own secret (compare with OpenSSL)',

  'protocol.signature.step1': 'Leave out the `sig` field.',
  'protocol.signature.step2':
    'Write the rest as JSON: object keys sorted by UTF-16 code units at every level, no whitespace at all; strings, integers, booleans and null as JSON.stringify writes them. Every number is an integer, so the result is also RFC 8785 (JCS).',
  'protocol.signature.step3': '`sig` = HMAC-SHA256 (key: the UTF-8 bytes of the scale’s secret string; message: the UTF-8 bytes of that JSON), as 64 lowercase hex digits.',
  'protocol.signature.secret':
    'The secret is issued when the scale is provisioned: 64 lowercase hex characters (256 random bits), shown once, kept encrypted by the platform, revocable at any time. Note: the HMAC key is these 64 characters themselves, not the 32 bytes they spell.',
  'protocol.signature.verify':
    'The platform recomputes the signature the same way and compares in constant time; a mismatch is refused as `bad_signature`. Field order and whitespace do not change the signature; changing any value breaks it.',

  'protocol.example.warning': 'The example secret is public and for demonstration only: never use it in a real device. No scale DEMO-0001 is registered, so the platform refuses the message as `unknown_scale`.',
  'protocol.example.scenario':
    'The scene: a scale with Max 15 kg and e = d = 5 g. Tomatoes (PLU 1006) at 7.00 yuan/kg, tare 5 g, net 1.235 kg: 7.00 × 1.235 = 8.645 yuan, rounded half up to the fen: 8.65 yuan (865 fen).',
  'protocol.example.secret': '1. The example secret',
  'protocol.example.message': '2. The message to sign',
  'protocol.example.canonical': '3. Its canonical form (the string the signature covers)',
  'protocol.example.openssl': '4. The signature with OpenSSL',
  'protocol.example.output': 'Output (OpenSSL 3.0; the label before the equals sign differs between versions, the 64 hex digits after it are the signature):',
  'protocol.example.signed': '5. The message with its `sig`',
  'protocol.example.publish': '6. Publish it (replace `<host>` with the broker’s address)',
  'protocol.example.computed': 'The signature on this page is computed when the page is rendered, by the platform’s own signing code, and a unit test checks it character for character against the real openssl.',

  'protocol.reasons.intro':
    'A refused message is acknowledged too (so that it is not re-sent forever) and kept in the platform’s dead letter with its raw bytes, topic and reason, and counted. The checks run in this order; the first that fails is the reason:',
  'protocol.reasons.reason': 'Reason',
  'protocol.reasons.meaning': 'Meaning',
  'protocol.reason.bad_topic': 'The topic is not `sunshine/v1/scales/{serial}/` followed by `weighings`, `status`, `events` or `checks`, or the serial is malformed.',
  'protocol.reason.too_large': 'The payload is larger than {bytes} bytes.',
  'protocol.reason.not_json': 'The payload is not UTF-8 text, or not JSON (a byte-order mark is refused too).',
  'protocol.reason.schema': 'JSON, but not a valid message of the topic’s kind: a field missing, unknown, out of range or of the wrong type; nesting deeper than 8 levels; a duplicate key.',
  'protocol.reason.topic_serial_mismatch': 'The `serial` in the payload differs from the serial in the topic.',
  'protocol.reason.unknown_scale': 'No scale with this serial is registered on the platform.',
  'protocol.reason.revoked_scale': 'The scale’s secret has been revoked: its messages are refused until it is provisioned again.',
  'protocol.reason.bad_signature': '`sig` is not the HMAC-SHA256 of the canonical form under the scale’s secret.',
  'protocol.reason.replayed_seq': 'The seq was already used by a different message of this scale (an exact repeat of an accepted message is acknowledged and not stored).',
  'protocol.reason.clock_skew': 'The scale’s clock is wrong: `at` is more than {skew} minutes ahead of the platform’s clock, or older than {age} days.',

  'protocol.findings.intro': 'A message with a valid signature is always stored; what is wrong with it is recorded as findings, shown to the regulator and on the receipt page a shopper opens from the QR code.',
  'protocol.findings.finding': 'Finding',
  'protocol.finding.below_min': 'Net mass above zero but below the scale’s Min: not a legal trade weighing.',
  'protocol.finding.above_max': 'Net mass above the scale’s Max.',
  'protocol.finding.negative_net': 'Net mass below zero.',
  'protocol.finding.not_multiple_of_d': 'Gross, tare or net is not a multiple of the scale interval d.',
  'protocol.finding.mass_arithmetic': 'Gross − tare ≠ net.',
  'protocol.finding.price_mismatch': 'Price ≠ unit price × net mass, rounded half up to the price interval (normally 1 fen); checked when net ≥ 0.',
  'protocol.finding.price_on_invalid_mass': 'A price above zero for a negative or over-capacity mass.',
  'protocol.finding.unstable': 'The price was taken while the scale was not at rest (a sign of impact cheating).',
  'protocol.finding.scale_suspended': 'The scale has been suspended by the regulator, or retired.',
  'protocol.finding.verification_invalid': 'The scale has no valid verification: expired, failed or never verified.',
  'protocol.finding.receipt_reused':
    'The receipt token was already used by another weighing. The weighing is still stored; its receipt gets a derived token (the first 128 bits of a `SHA-256` digest, in the same format as printed ones), linked from the merchant’s transactions; scanning the printed token only says it cannot be verified and shows neither purchase.',
  'protocol.finding.counter_moved': 'A calibration or configuration counter differs from the platform’s record.',
  'protocol.finding.seal_open': 'The scale reports its case or seal opened.',
  'protocol.finding.self_lock': 'The scale has locked itself.',
  'protocol.finding.zero_while_negative': 'Zero or tare taken while the gross mass was negative (a sign of a stored offset).',
};
