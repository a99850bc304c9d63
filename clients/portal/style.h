// The portal's one stylesheet, after the GOV.UK Design System: large type,
// strong contrast (text #0b0c0c on white, links #1d70b8), a yellow focus
// ring, one column that reads on a 360-pixel screen. Sides are logical
// (inline-start/end), so an Arabic page (dir="rtl") mirrors.
#pragma once

#include <string_view>

namespace grants::portal {

inline constexpr std::string_view kStyleSheet = R"css(
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;background:#fff}
a{color:#1d70b8;text-decoration:underline;text-underline-offset:.1em}
a:visited{color:#4c2c92}
a:hover{color:#003078}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
a:focus{background:#fd0;color:#0b0c0c;text-decoration:none;box-shadow:0 -2px #fd0,0 4px #0b0c0c}
.govuk-skip-link{position:absolute;top:0;inset-inline-start:0;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;padding:10px 15px;background:#fd0;color:#0b0c0c}
.govuk-skip-link:focus{width:auto;height:auto;overflow:visible;clip-path:none;white-space:normal;z-index:10}
.govuk-width-container{max-width:960px;margin:0 15px}
@media (min-width:40em){.govuk-width-container{margin:0 30px}}
@media (min-width:1020px){.govuk-width-container{margin:0 auto}}
.govuk-header{background:#0b0c0c;color:#fff;padding:10px 0;border-bottom:10px solid #1d70b8}
.govuk-header a,.govuk-header a:visited{color:#fff}
.govuk-header a:focus{color:#0b0c0c}
.govuk-header__link{font-weight:700;font-size:24px;text-decoration:none;display:inline-block;margin:5px 0}
.govuk-header ul{list-style:none;margin:5px 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
.govuk-header li{margin:0}
.govuk-header form{display:inline}
.govuk-header .govuk-button{margin:0;padding:4px 10px;font-size:16px}
.portal-signed-in{margin:4px 0;font-size:16px}
.portal-language[aria-current]{font-weight:700;text-decoration:none}
.govuk-main-wrapper{padding:20px 0 40px}
.govuk-heading-l{font-size:32px;line-height:1.1;margin:0 0 20px}
@media (min-width:40em){.govuk-heading-l{font-size:48px}}
.govuk-heading-m{font-size:24px;margin:30px 0 15px}
.govuk-heading-s{font-size:19px;margin:20px 0 10px}
.govuk-body{margin:0 0 20px}
.govuk-form-group{margin-bottom:30px}
.govuk-form-group--error{padding-inline-start:15px;border-inline-start:5px solid #d4351c}
.govuk-label{display:block;margin-bottom:5px;font-weight:700}
.govuk-hint{color:#505a5f;margin-bottom:10px}
.govuk-error-message{color:#d4351c;font-weight:700;margin:0 0 10px}
.govuk-input,.govuk-select,.govuk-textarea{font:inherit;width:100%;padding:5px;border:2px solid #0b0c0c;border-radius:0;background:#fff;color:#0b0c0c}
.govuk-input{height:40px}
.govuk-input--error{border-color:#d4351c}
.govuk-input--width-5{max-width:8em}
.govuk-input--width-10{max-width:12em}
.govuk-input--width-20{max-width:20em}
.govuk-select{height:40px;width:auto;max-width:100%}
.govuk-fieldset{border:0;margin:0;padding:0}
.govuk-fieldset__legend{font-weight:700;margin-bottom:10px}
.govuk-checkboxes__item{display:flex;align-items:flex-start;margin-bottom:10px}
.govuk-checkboxes__input{width:28px;height:28px;margin:2px 10px 0 0;flex:none}
.govuk-checkboxes__label{font-weight:400;margin:0}
.govuk-button{font:inherit;font-weight:400;display:inline-block;padding:8px 12px;margin:0 15px 20px 0;border:2px solid transparent;border-radius:0;color:#fff;background:#00703c;box-shadow:0 2px 0 #002d18;cursor:pointer}
.govuk-button--warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
.portal-remove{margin:6px 0 0}
.portal-remove .govuk-button{margin:0;padding:4px 10px;font-size:16px}
.govuk-button:hover{background:#005a30}
.govuk-button--warning:hover{background:#aa2a16}
.govuk-button--secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
.govuk-button--secondary:hover{background:#dbdad9}
.govuk-button-group{display:flex;flex-wrap:wrap}
.govuk-error-summary{border:5px solid #d4351c;padding:15px;margin-bottom:30px}
.govuk-error-summary:focus{outline:3px solid #fd0}
.govuk-error-summary__title{margin-top:0;font-size:24px}
.govuk-error-summary__list{margin:0;padding-inline-start:0;list-style:none}
.govuk-error-summary__list a{color:#d4351c;font-weight:700}
.govuk-summary-list{margin:0 0 20px}
.govuk-summary-list div{display:flex;flex-wrap:wrap;border-bottom:1px solid #b1b4b6;padding:8px 0}
.govuk-summary-list dt{font-weight:700;min-width:10em;margin-inline-end:20px}
.govuk-summary-list dd{margin:0}
.portal-sent dd{white-space:pre-wrap;flex:1 1 20em}
.govuk-inset-text{border-inline-start:10px solid #b1b4b6;padding:15px;margin:0 0 20px}
.portal-table-wrapper{overflow-x:auto;margin-bottom:20px}
.govuk-table{border-collapse:collapse;width:100%;font-size:16px}
.govuk-table th,.govuk-table td{text-align:start;padding-block:10px;padding-inline:0 10px;border-bottom:1px solid #b1b4b6;overflow-wrap:break-word}
.portal-round{border-top:2px solid #1d70b8;margin-bottom:30px}
.portal-description{white-space:pre-line}
.portal-budget-line{border-inline-start:4px solid #b1b4b6;padding-inline-start:15px;margin-bottom:10px}
.govuk-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.govuk-footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:20px 0;color:#0b0c0c}
)css";

}  // namespace grants::portal
