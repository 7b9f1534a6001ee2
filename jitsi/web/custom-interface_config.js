// Hearth's overrides for Jitsi Meet's interface_config.js (appended to the generated file on every start,
// like custom-config.js). Meetings are embedded in Hearth's pages, so Jitsi's own branding and promotions
// are hidden; everything else keeps Jitsi's defaults.
/* global interfaceConfig */

interfaceConfig.APP_NAME = "Hearth";
interfaceConfig.NATIVE_APP_NAME = "Hearth";
interfaceConfig.PROVIDER_NAME = "Hearth";
interfaceConfig.SHOW_JITSI_WATERMARK = false;
interfaceConfig.SHOW_WATERMARK_FOR_GUESTS = false;
interfaceConfig.SHOW_BRAND_WATERMARK = false;
interfaceConfig.SHOW_POWERED_BY = false;
interfaceConfig.MOBILE_APP_PROMO = false;
interfaceConfig.SHOW_CHROME_EXTENSION_BANNER = false;
// Hearth hides Jitsi's invite dialog entries too (config.disableInviteFunctions): inviting is Hearth's job.
interfaceConfig.HIDE_INVITE_MORE_HEADER = true;
