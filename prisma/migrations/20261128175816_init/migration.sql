-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('city_regulator', 'district_regulator', 'market_manager', 'inspector', 'bank_officer', 'merchant');

-- CreateEnum
CREATE TYPE "AccuracyClass" AS ENUM ('I', 'II', 'III', 'IIII');

-- CreateEnum
CREATE TYPE "ScalePurpose" AS ENUM ('trade', 'fair');

-- CreateEnum
CREATE TYPE "ScaleStatus" AS ENUM ('in_service', 'suspended', 'retired');

-- CreateEnum
CREATE TYPE "VerificationResult" AS ENUM ('passed', 'failed');

-- CreateEnum
CREATE TYPE "CheckSource" AS ENUM ('inspection', 'self_check', 'fair_scale');

-- CreateEnum
CREATE TYPE "CheckKind" AS ENUM ('weighing', 'repeatability', 'eccentricity', 'zero', 'tare');

-- CreateEnum
CREATE TYPE "MetrologyStage" AS ENUM ('verification', 'in_service');

-- CreateEnum
CREATE TYPE "CommodityCategory" AS ENUM ('vegetable', 'meat', 'aquatic', 'fruit', 'egg', 'grain', 'oil', 'other');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('bank_qr', 'cash', 'card');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('captured', 'refunded');

-- CreateEnum
CREATE TYPE "SettlementStatus" AS ENUM ('pending', 'paid', 'mismatch');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('info', 'warning', 'critical');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'acknowledged', 'closed');

-- CreateEnum
CREATE TYPE "ComplaintKind" AS ENUM ('short_weight', 'overcharge', 'quality', 'other');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('submitted', 'accepted', 'investigating', 'upheld', 'dismissed', 'closed');

-- CreateTable
CREATE TABLE "City" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "City_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "District" (
    "id" SERIAL NOT NULL,
    "cityId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "District_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Market" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "floorRows" INTEGER NOT NULL,
    "floorCols" INTEGER NOT NULL,

    CONSTRAINT "Market_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Stall" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "col" INTEGER NOT NULL,
    "merchantId" INTEGER,

    CONSTRAINT "Stall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" SERIAL NOT NULL,
    "cityId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "bankName" TEXT NOT NULL,
    "bankNameEn" TEXT NOT NULL,
    "startedOn" DATE NOT NULL,
    "feeBasisPoints" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Merchant" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "shopName" TEXT NOT NULL,
    "licenseNo" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "category" "CommodityCategory" NOT NULL,
    "programmeId" INTEGER,
    "enrolledOn" DATE,
    "settlementAccount" TEXT,

    CONSTRAINT "Merchant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "cityId" INTEGER NOT NULL,
    "districtId" INTEGER,
    "marketId" INTEGER,
    "merchantId" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "tokenHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT,
    "entityId" TEXT,
    "detail" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scale" (
    "id" SERIAL NOT NULL,
    "serial" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "maker" TEXT NOT NULL,
    "accuracyClass" "AccuracyClass" NOT NULL,
    "maxMg" INTEGER NOT NULL,
    "minMg" INTEGER NOT NULL,
    "eMg" INTEGER NOT NULL,
    "dMg" INTEGER NOT NULL,
    "priceIntervalFen" INTEGER NOT NULL DEFAULT 1,
    "softwareId" TEXT NOT NULL,
    "calibrationCounter" INTEGER NOT NULL DEFAULT 0,
    "configurationCounter" INTEGER NOT NULL DEFAULT 0,
    "purpose" "ScalePurpose" NOT NULL DEFAULT 'trade',
    "status" "ScaleStatus" NOT NULL DEFAULT 'in_service',
    "online" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" TIMESTAMPTZ(3),
    "installedOn" DATE NOT NULL,
    "marketId" INTEGER NOT NULL,
    "stallId" INTEGER,
    "programmeId" INTEGER,

    CONSTRAINT "Scale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Verification" (
    "id" SERIAL NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "certificateNo" TEXT NOT NULL,
    "verifiedOn" DATE NOT NULL,
    "expiresOn" DATE NOT NULL,
    "result" "VerificationResult" NOT NULL,
    "authority" TEXT NOT NULL,
    "sealCode" TEXT,

    CONSTRAINT "Verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "inspectorId" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "result" "VerificationResult" NOT NULL,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckWeighing" (
    "id" SERIAL NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "inspectionId" INTEGER,
    "weighingId" BIGINT,
    "source" "CheckSource" NOT NULL,
    "kind" "CheckKind" NOT NULL DEFAULT 'weighing',
    "stage" "MetrologyStage" NOT NULL DEFAULT 'in_service',
    "at" TIMESTAMPTZ(3) NOT NULL,
    "referenceMg" INTEGER NOT NULL,
    "indicationMg" INTEGER NOT NULL,
    "mpeMg" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,

    CONSTRAINT "CheckWeighing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScaleEvent" (
    "id" BIGSERIAL NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "scaleTime" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" JSONB,

    CONSTRAINT "ScaleEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commodity" (
    "id" SERIAL NOT NULL,
    "plu" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "category" "CommodityCategory" NOT NULL,
    "guidePriceFenPerKg" INTEGER,

    CONSTRAINT "Commodity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Weighing" (
    "id" BIGSERIAL NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "scaleTime" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "merchantId" INTEGER,
    "marketId" INTEGER NOT NULL,
    "commodityId" INTEGER NOT NULL,
    "unitPriceFenPerKg" INTEGER NOT NULL,
    "grossMg" INTEGER NOT NULL,
    "tareMg" INTEGER NOT NULL,
    "netMg" INTEGER NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "stable" BOOLEAN NOT NULL,
    "paymentMethod" "PaymentMethod" NOT NULL,
    "findings" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "Weighing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Receipt" (
    "token" TEXT NOT NULL,
    "weighingId" BIGINT NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Receipt_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" BIGSERIAL NOT NULL,
    "merchantId" INTEGER NOT NULL,
    "weighingId" BIGINT,
    "amountFen" INTEGER NOT NULL,
    "paidAt" TIMESTAMPTZ(3) NOT NULL,
    "businessDay" DATE NOT NULL,
    "bankRef" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'captured',

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Settlement" (
    "id" SERIAL NOT NULL,
    "merchantId" INTEGER NOT NULL,
    "businessDay" DATE NOT NULL,
    "paymentCount" INTEGER NOT NULL,
    "grossFen" INTEGER NOT NULL,
    "feeFen" INTEGER NOT NULL,
    "netFen" INTEGER NOT NULL,
    "weighedFen" INTEGER NOT NULL,
    "status" "SettlementStatus" NOT NULL,
    "paidAt" TIMESTAMPTZ(3),
    "bankRef" TEXT,

    CONSTRAINT "Settlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScaleDay" (
    "scaleId" INTEGER NOT NULL,
    "businessDay" DATE NOT NULL,
    "weighingCount" INTEGER NOT NULL,
    "netMgSum" BIGINT NOT NULL,
    "priceFenSum" BIGINT NOT NULL,
    "findingCount" INTEGER NOT NULL,

    CONSTRAINT "ScaleDay_pkey" PRIMARY KEY ("scaleId","businessDay")
);

-- CreateTable
CREATE TABLE "MerchantDay" (
    "merchantId" INTEGER NOT NULL,
    "businessDay" DATE NOT NULL,
    "weighingCount" INTEGER NOT NULL,
    "netMgSum" BIGINT NOT NULL,
    "priceFenSum" BIGINT NOT NULL,
    "findingCount" INTEGER NOT NULL,

    CONSTRAINT "MerchantDay_pkey" PRIMARY KEY ("merchantId","businessDay")
);

-- CreateTable
CREATE TABLE "MarketDay" (
    "marketId" INTEGER NOT NULL,
    "businessDay" DATE NOT NULL,
    "weighingCount" INTEGER NOT NULL,
    "netMgSum" BIGINT NOT NULL,
    "priceFenSum" BIGINT NOT NULL,
    "findingCount" INTEGER NOT NULL,

    CONSTRAINT "MarketDay_pkey" PRIMARY KEY ("marketId","businessDay")
);

-- CreateTable
CREATE TABLE "CommodityDay" (
    "commodityId" INTEGER NOT NULL,
    "marketId" INTEGER NOT NULL,
    "businessDay" DATE NOT NULL,
    "weighingCount" INTEGER NOT NULL,
    "netMgSum" BIGINT NOT NULL,
    "priceFenSum" BIGINT NOT NULL,
    "minUnitPriceFenPerKg" INTEGER NOT NULL,
    "maxUnitPriceFenPerKg" INTEGER NOT NULL,

    CONSTRAINT "CommodityDay_pkey" PRIMARY KEY ("commodityId","marketId","businessDay")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "marketId" INTEGER NOT NULL,
    "scaleId" INTEGER,
    "merchantId" INTEGER,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "detail" JSONB,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" "ComplaintKind" NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'submitted',
    "description" TEXT NOT NULL,
    "contactPhone" TEXT,
    "marketId" INTEGER NOT NULL,
    "merchantId" INTEGER,
    "weighingId" BIGINT,
    "filedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "refundFen" INTEGER,
    "compensationFen" INTEGER,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" SERIAL NOT NULL,
    "complaintId" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "userId" INTEGER,
    "fromStatus" "ComplaintStatus",
    "toStatus" "ComplaintStatus" NOT NULL,
    "note" TEXT,

    CONSTRAINT "ComplaintEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RejectedMessage" (
    "id" BIGSERIAL NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "topic" TEXT NOT NULL,
    "payload" BYTEA NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "scaleSerial" TEXT,

    CONSTRAINT "RejectedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "City_code_key" ON "City"("code");

-- CreateIndex
CREATE UNIQUE INDEX "District_code_key" ON "District"("code");

-- CreateIndex
CREATE INDEX "District_cityId_idx" ON "District"("cityId");

-- CreateIndex
CREATE UNIQUE INDEX "Market_code_key" ON "Market"("code");

-- CreateIndex
CREATE INDEX "Market_districtId_idx" ON "Market"("districtId");

-- CreateIndex
CREATE INDEX "Stall_merchantId_idx" ON "Stall"("merchantId");

-- CreateIndex
CREATE UNIQUE INDEX "Stall_marketId_code_key" ON "Stall"("marketId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Merchant_licenseNo_key" ON "Merchant"("licenseNo");

-- CreateIndex
CREATE INDEX "Merchant_marketId_idx" ON "Merchant"("marketId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Scale_serial_key" ON "Scale"("serial");

-- CreateIndex
CREATE INDEX "Scale_marketId_idx" ON "Scale"("marketId");

-- CreateIndex
CREATE INDEX "Scale_stallId_idx" ON "Scale"("stallId");

-- CreateIndex
CREATE UNIQUE INDEX "Verification_certificateNo_key" ON "Verification"("certificateNo");

-- CreateIndex
CREATE INDEX "Verification_scaleId_verifiedOn_idx" ON "Verification"("scaleId", "verifiedOn");

-- CreateIndex
CREATE INDEX "Inspection_scaleId_at_idx" ON "Inspection"("scaleId", "at");

-- CreateIndex
CREATE INDEX "CheckWeighing_scaleId_at_idx" ON "CheckWeighing"("scaleId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ScaleEvent_scaleId_seq_key" ON "ScaleEvent"("scaleId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Commodity_plu_key" ON "Commodity"("plu");

-- CreateIndex
CREATE INDEX "Weighing_merchantId_scaleTime_idx" ON "Weighing"("merchantId", "scaleTime");

-- CreateIndex
CREATE UNIQUE INDEX "Weighing_scaleId_seq_key" ON "Weighing"("scaleId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Receipt_weighingId_key" ON "Receipt"("weighingId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_weighingId_key" ON "Payment"("weighingId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_bankRef_key" ON "Payment"("bankRef");

-- CreateIndex
CREATE INDEX "Payment_merchantId_businessDay_idx" ON "Payment"("merchantId", "businessDay");

-- CreateIndex
CREATE INDEX "Settlement_businessDay_idx" ON "Settlement"("businessDay");

-- CreateIndex
CREATE UNIQUE INDEX "Settlement_merchantId_businessDay_key" ON "Settlement"("merchantId", "businessDay");

-- CreateIndex
CREATE INDEX "ScaleDay_businessDay_idx" ON "ScaleDay"("businessDay");

-- CreateIndex
CREATE INDEX "MerchantDay_businessDay_idx" ON "MerchantDay"("businessDay");

-- CreateIndex
CREATE INDEX "MarketDay_businessDay_idx" ON "MarketDay"("businessDay");

-- CreateIndex
CREATE INDEX "CommodityDay_businessDay_idx" ON "CommodityDay"("businessDay");

-- CreateIndex
CREATE INDEX "Alert_marketId_status_idx" ON "Alert"("marketId", "status");

-- CreateIndex
CREATE INDEX "Alert_merchantId_idx" ON "Alert"("merchantId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_reference_key" ON "Complaint"("reference");

-- CreateIndex
CREATE INDEX "Complaint_marketId_status_idx" ON "Complaint"("marketId", "status");

-- CreateIndex
CREATE INDEX "Complaint_merchantId_idx" ON "Complaint"("merchantId");

-- CreateIndex
CREATE INDEX "ComplaintEvent_complaintId_idx" ON "ComplaintEvent"("complaintId");

-- CreateIndex
CREATE INDEX "RejectedMessage_receivedAt_idx" ON "RejectedMessage"("receivedAt");

-- CreateIndex
CREATE INDEX "RejectedMessage_reason_idx" ON "RejectedMessage"("reason");

-- AddForeignKey
ALTER TABLE "District" ADD CONSTRAINT "District_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Market" ADD CONSTRAINT "Market_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stall" ADD CONSTRAINT "Stall_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stall" ADD CONSTRAINT "Stall_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Merchant" ADD CONSTRAINT "Merchant_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Merchant" ADD CONSTRAINT "Merchant_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scale" ADD CONSTRAINT "Scale_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scale" ADD CONSTRAINT "Scale_stallId_fkey" FOREIGN KEY ("stallId") REFERENCES "Stall"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scale" ADD CONSTRAINT "Scale_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verification" ADD CONSTRAINT "Verification_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "Scale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "Scale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_inspectorId_fkey" FOREIGN KEY ("inspectorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckWeighing" ADD CONSTRAINT "CheckWeighing_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "Scale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckWeighing" ADD CONSTRAINT "CheckWeighing_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckWeighing" ADD CONSTRAINT "CheckWeighing_weighingId_fkey" FOREIGN KEY ("weighingId") REFERENCES "Weighing"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScaleEvent" ADD CONSTRAINT "ScaleEvent_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "Scale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Weighing" ADD CONSTRAINT "Weighing_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "Scale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Weighing" ADD CONSTRAINT "Weighing_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Weighing" ADD CONSTRAINT "Weighing_commodityId_fkey" FOREIGN KEY ("commodityId") REFERENCES "Commodity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_weighingId_fkey" FOREIGN KEY ("weighingId") REFERENCES "Weighing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Receipt" ADD CONSTRAINT "Receipt_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "Scale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_weighingId_fkey" FOREIGN KEY ("weighingId") REFERENCES "Weighing"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Settlement" ADD CONSTRAINT "Settlement_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "Scale"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_weighingId_fkey" FOREIGN KEY ("weighingId") REFERENCES "Weighing"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintEvent" ADD CONSTRAINT "ComplaintEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintEvent" ADD CONSTRAINT "ComplaintEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
